"""Diagnostics and the checker interface shared by every QA check over PO files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import polib


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int
    level: str
    """``error`` (fails CI) or ``warning``."""
    check: str
    """Check name, e.g. ``placeholders``, ``glossary``, ``numbers``."""
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.level}[{self.check}]: {self.message}"

    def as_dict(self) -> dict[str, str | int]:
        return asdict(self)


@dataclass
class CheckContext:
    """What a checker may need beyond the entry: the catalog, its file and its language."""

    path: Path
    po: polib.POFile
    language: str
    """Target locale of the catalog as written in the folder name (``en``, ``en-GB``, ``fr``)."""
    options: dict[str, object]
    """``glossary`` (a Glossary or None), ``skip_fuzzy``, and whatever a caller adds for its own checkers."""


@runtime_checkable
class EntryChecker(Protocol):
    """Checks one PO entry at a time. A check module lists its checkers in ``CHECKERS``."""

    name: str

    def check_entry(self, entry: polib.POEntry, ctx: CheckContext) -> Iterable[Diagnostic]: ...


@runtime_checkable
class CatalogSetChecker(Protocol):
    """Checks across all catalogs at once (e.g. the same msgid translated differently)."""

    name: str

    def check_catalogs(self, contexts: list[CheckContext]) -> Iterable[Diagnostic]: ...


def diag(ctx: CheckContext, entry: polib.POEntry, level: str, check: str, message: str) -> Diagnostic:
    return Diagnostic(str(ctx.path), entry.linenum or 1, level, check, message)
