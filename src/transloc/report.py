"""How the library tells its caller what is going on: progress, warnings and notes go to one
:class:`Reporter` that the caller supplies (the CLI prints them; a library user may collect them).

Nothing in the library prints by itself, so it stays usable from a web service or a test.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol


class Progress(Protocol):
    """A running progress display."""

    def update(self, n: int, /) -> None:
        """``n`` more units done."""
        ...


class Reporter(Protocol):
    def progress(self, total: int | None, label: str) -> AbstractContextManager[Progress]:
        """A progress display for ``total`` units (``None``: size unknown; ``0``: nothing worth showing)."""
        ...

    def warn(self, message: str) -> None:
        """Something the user should act on; ``message`` already names its file (``path:line: warning: …``)."""
        ...

    def info(self, message: str) -> None:
        """Something the library did on the user's behalf (a model it installed, say)."""
        ...


class NullProgress:
    """A progress display that shows nothing."""

    def __enter__(self) -> NullProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int, /) -> None:
        return None


class QuietReporter:
    """For library use and tests: no progress display; warnings and notes collected in order."""

    def __init__(self) -> None:
        self.warnings: list[str] = []
        self.notes: list[str] = []

    def progress(self, total: int | None, label: str) -> NullProgress:
        return NullProgress()

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def info(self, message: str) -> None:
        self.notes.append(message)
