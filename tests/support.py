"""Paths and helpers shared by test modules (import as ``from support import …``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib

# Beside the checkout (../shared/corpus); from a git worktree in a sub-folder, one level further up.
CORPUS = next(
    (p / "shared" / "corpus" for p in Path(__file__).resolve().parents[2:4] if (p / "shared" / "corpus").is_dir()),
    Path(__file__).resolve().parents[2] / "shared" / "corpus",
)
EXAMPLE = CORPUS / "text" / "news.de-nuklearpakt.txt"
HTML_PAGES = sorted((CORPUS / "html").glob("*.html")) if (CORPUS / "html").is_dir() else []
CORPUS_MISSING = f"reference corpus not found at {CORPUS} (it lives in ../shared/corpus beside the checkout)"


def msgfmt_available() -> bool:
    return shutil.which("msgfmt") is not None


def run_cli(*args: str) -> tuple[int, str, str]:
    """``transloc ARGS`` in-process: (exit code, stdout, stderr); an unexpected exception is raised, not
    turned into exit code 1, so a traceback can never pass for a clean one-line error."""
    from click.testing import CliRunner

    from transloc.cli import main

    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def translator_catalog(path: Path, entries: list[tuple[str, str, bool]]) -> Path:
    """A PO file as a translator leaves it: (msgid, msgstr, fuzzy)."""
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en_GB"}
    for msgid, msgstr, fuzzy in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else []))
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path
