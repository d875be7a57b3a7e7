"""How well translated catalogs follow the glossary: per catalog, the matched terms whose required form
the translation contains, out of all matched terms (``transloc glossary coverage``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..localise.locales import TargetLocale, parse_locale
from .enforce import term_use
from .match import Glossary


@dataclass(frozen=True)
class TermUse:
    path: Path
    locale: TargetLocale
    hits: int
    total: int


def catalog_term_use(glossary: Glossary, paths: Sequence[Path], language: str | None = None) -> list[TermUse]:
    """One row per PO file under ``paths``; the locale is ``language``, else the folder name or the
    catalog's Language header."""
    from ..catalog import load_catalog
    from ..checks.runner import language_of, po_files

    rows = []
    for path in po_files(list(paths)):
        po = load_catalog(path)
        locale = parse_locale(language or language_of(path, po.metadata))
        hits, total = term_use(glossary, po, locale)
        rows.append(TermUse(path, locale, hits, total))
    return rows
