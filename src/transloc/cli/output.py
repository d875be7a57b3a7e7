"""What the commands print about a run: per-article results, summaries, and the exit code they imply."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..localise.locales import TargetLocale
    from ..pipeline import BuildResult, CatalogStatus, Failure, Job, TranslateResult


def report_translation(target: TargetLocale, result: TranslateResult) -> None:
    """Coverage of each HTML page, then one summary line for the language."""
    for job in result.jobs:
        if job.doc.format == "html":
            click.echo(f"{job.doc.path}: {len(job.po)} entries{coverage_text(job)}", err=True)
    if not result.jobs:
        return  # every article failed: its error line says it all
    fill = result.fill
    engine_text = f" with {result.engine_label}" if result.engine_label else ""
    click.echo(
        f"{target.tag}: {len(result.jobs)} article(s), {fill.machine} sentence(s) machine-translated{engine_text}, "
        f"{fill.reused} reused"
        + (f" ({fill.similar} from similar sentences)" if fill.similar else "")
        + (f", {fill.review} flagged for review" if fill.review else ""),
        err=True,
    )


def finish(ctx: click.Context, failures: Sequence[Failure], attempted: int, failed: bool) -> None:
    """End a run over several articles: failures named last (exit 2), else exit 1 if something failed."""
    if failures:
        for failure in failures:
            click.echo(f"transloc: error: {failure.message}", err=True)
        if attempted > 1:
            names = ", ".join(str(f.catalog) for f in failures)
            click.echo(
                f"transloc: {len(failures)} of {attempted} article(s) left out because of their catalog: {names} "
                f"— the other {attempted - len(failures)} were processed; fix or restore those catalogs and run again",
                err=True,
            )
        ctx.exit(2)
    if failed:
        ctx.exit(1)


def report_builds(builds: Sequence[BuildResult], strict: bool, failures: list[Failure] | None = None) -> bool:
    failed = False
    for result in builds:
        for warning in result.warnings:
            click.echo(warning, err=True)
        if result.error:
            if failures is not None:
                failures.append(result.error)
            continue
        if result.nothing_reviewed:
            click.echo(f"transloc: warning: {result.nothing_reviewed}", err=True)
        click.echo(result.report(), err=True)
        if result.refused:
            click.echo(f"transloc: error: {result.refused}", err=True)
            failed = True
            continue
        for path in result.outputs:
            click.echo(str(path))
        if strict and (result.warnings or result.fell_back):
            failed = True
    return failed


def coverage_text(job: Job) -> str:
    value = job.coverage
    return "" if value is None else f"; coverage {value:.1%} of the visible text"


def status_summary(ctx: click.Context, broken: Sequence[CatalogStatus]) -> None:
    if broken:
        names = ", ".join(str(r.path) for r in broken)
        click.echo(
            f"transloc: error: {len(broken)} catalog(s) could not be read: {names} — fix or restore them", err=True
        )
        ctx.exit(2)
