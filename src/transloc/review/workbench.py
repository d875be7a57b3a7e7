"""``transloc review``: write each article's review page next to its edition."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..catalog import load_catalog
from ..config import Settings
from ..errors import TranslocError
from ..fileio import atomic_write_text
from ..localise.locales import TargetLocale
from .confidence import LOW_CONFIDENCE
from .page import Page, collect, page_html

if TYPE_CHECKING:
    from ..checks.base import Diagnostic
    from ..glossary import Glossary

SUFFIX = ".review.html"


@dataclass
class Written:
    path: Path
    page: Page


def write_pages(
    articles: Sequence[Path],
    target: TargetLocale,
    settings: Settings,
    *,
    glossary: Glossary | None = None,
    threshold: float = LOW_CONFIDENCE,
) -> list[Written]:
    """Render every page first, then write them: a missing catalog or a broken file writes nothing."""
    from .. import pipeline
    from ..checks import runner
    from ..layout import place

    pages = []
    diagnostics: dict[str, list[Diagnostic]] = {}
    folder = Path(settings.locales) / target.tag
    if folder.is_dir():  # the whole language, as `transloc check` sees it (consistency spans catalogs)
        for d in runner.run([folder], glossary=glossary).diagnostics:
            diagnostics.setdefault(d.path, []).append(d)
    for article in articles:
        doc = pipeline.load_document(Path(article))
        where = place(doc.path, settings.project)  # the same paths as extract and build
        po_path = where.catalog(settings.locales, target.tag)
        if not po_path.exists():
            raise TranslocError(
                "no catalog yet", po_path, f"run `transloc translate --to {target.tag} {article}` first"
            )
        po = load_catalog(po_path)
        page = collect(
            doc, po, po_path, target, diagnostics.get(str(po_path), []),
            glossary=glossary, reviewed_only=settings.reviewed_only, threshold=threshold,
        )
        pages.append((where.output(settings.out, target.tag, SUFFIX), page))
    written = []
    for path, page in pages:
        atomic_write_text(path, page_html(page))
        written.append(Written(path, page))
    return written
