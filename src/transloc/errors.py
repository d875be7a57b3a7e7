"""User-facing errors: every failure the CLI reports is one line naming the file and the remedy."""

from __future__ import annotations

from pathlib import Path


class TranslocError(Exception):
    """A failure caused by input or environment, not by a bug: printed as one line, exit code 2.

    ``path`` is the file concerned (if any) and ``hint`` tells the user what to do next.
    """

    exit_code = 2

    def __init__(self, message: str, path: str | Path | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.path}: {self.message}" if self.path else self.message
        if self.hint:
            text += f" — {self.hint}"
        return text


class PlaceholderError(ValueError):
    """A string's inline placeholders are malformed or do not match its source."""
