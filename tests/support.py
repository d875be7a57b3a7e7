"""Paths and helpers shared by test modules (import as ``from support import …``)."""

from __future__ import annotations

import shutil
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
EXAMPLE = CORPUS / "text" / "news.de-nuklearpakt.txt"
HTML_PAGES = sorted((CORPUS / "html").glob("*.html")) if (CORPUS / "html").is_dir() else []
CORPUS_MISSING = f"reference corpus not found at {CORPUS} (it lives in ../shared/corpus beside the checkout)"


def msgfmt_available() -> bool:
    return shutil.which("msgfmt") is not None
