"""The CLI's :class:`transloc.report.Reporter`: progress bars on a terminal only, messages on stderr."""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager

import click

from ..report import NullProgress, Progress


class ClickReporter:
    """Bars only when stderr is a terminal (piped runs and CI logs stay clean); warnings always."""

    def __init__(self, *, notes: bool = True) -> None:
        self.tty = sys.stderr.isatty()
        self.notes = notes
        """Print :meth:`info` lines (a command that reports the same thing on stdout turns them off)."""

    def progress(self, total: int | None, label: str) -> AbstractContextManager[Progress]:
        if not self.tty or (total is not None and total <= 0):
            return NullProgress()
        if total is None:  # size unknown (no Content-Length): a bar could not show progress
            click.echo(f"{label} …", err=True)
            return NullProgress()
        return click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True, show_eta=True)

    def warn(self, message: str) -> None:
        click.echo(message, err=True)

    def info(self, message: str) -> None:
        if self.notes:
            click.echo(f"transloc: {message}", err=True)
