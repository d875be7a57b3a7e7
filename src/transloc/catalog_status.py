"""Where the translation of every catalog stands: counts per catalog, and the weakest machine drafts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import Stats, load_catalog, statistics
from .errors import TranslocError
from .review.summary import ReviewCounts, Weak, review_counts, weakest


@dataclass
class CatalogStatus:
    path: Path
    language: str
    stats: Stats
    error: str | None = None
    """Set (and ``stats`` empty) when the catalog cannot be read."""
    review: ReviewCounts = field(default_factory=ReviewCounts)


def status(locales_dir: Path) -> list[CatalogStatus]:
    """One row per catalog under ``<locales>/<lang>/`` (nested folders included), in path order."""
    rows = []
    for path in catalogs(Path(locales_dir)):
        language = path.relative_to(locales_dir).parts[0]
        try:
            po = load_catalog(path)
            rows.append(CatalogStatus(path, language, statistics(po), review=review_counts(po)))
        except TranslocError as exc:
            rows.append(CatalogStatus(path, language, Stats(), error=str(exc)))
    return rows


def catalogs(locales_dir: Path) -> list[Path]:
    """Every ``<locales>/<lang>/…/*.po``, sorted."""
    return sorted(p for p in Path(locales_dir).glob("*/**/*.po") if p.is_file())


def weakest_entries(rows: Sequence[CatalogStatus]) -> list[Weak]:
    """Scored machine drafts of the readable catalogs among ``rows``, lowest confidence first
    (``status --sort confidence``)."""
    return weakest((row.path, load_catalog(row.path)) for row in rows if row.error is None)
