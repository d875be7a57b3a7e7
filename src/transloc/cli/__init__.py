"""The ``transloc`` command: parses options, calls the library (:mod:`transloc.api`), prints.

Every failure caused by input or environment is one line on stderr naming the file and the
remedy (exit 2); Ctrl-C leaves catalogs valid (exit 130).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .. import __version__
from ..errors import TranslocError
from .common import (
    _articles,
    _build_options,
    _check_owners,
    _glossary_option,
    _load_glossary,
    _locales_option,
    _out_option,
    _targets,
    _to_option,
)
from .glossary import glossary
from .models import models
from .options import CONFIG_HELP, config_option, settings_for
from .output import coverage_text, finish, report_builds, report_translation, status_summary
from .report import ClickReporter
from .review import review
from .tm import tm

if TYPE_CHECKING:
    from ..config import Settings
    from ..glossary import Glossary
    from ..localise.locales import TargetLocale
    from ..mt.base import Engine
    from ..pipeline import Failure


class TranslocGroup(click.Group):
    """Turns TranslocError and Ctrl-C into one line and an exit code, for every subcommand."""

    def invoke(self, ctx: click.Context) -> Any:  # Any: click.Group.invoke's own return type
        try:
            return super().invoke(ctx)
        except TranslocError as exc:
            click.echo(f"transloc: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo(
                "transloc: interrupted — catalogs hold every batch finished so far; run the same command to continue",
                err=True,
            )
            ctx.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            if os.environ.get("TRANSLOC_DEBUG"):
                raise
            click.echo(
                f"transloc: internal error: {type(exc).__name__}: {exc} — please report it "
                "(set TRANSLOC_DEBUG=1 for a traceback)",
                err=True,
            )
            ctx.exit(70)


# --------------------------------------------------------------------------------------------- commands

@click.group(cls=TranslocGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="transloc")
@click.option(
    "--config",
    type=click.Path(path_type=Path),
    help=CONFIG_HELP,
)
@click.pass_context
def main(ctx: click.Context, config: Path | None) -> None:
    """Turn German news articles into reviewed, localised editions.

    \b
    Workflow:
      transloc translate --to en article.html   extract + machine-translate + build
      (review locales/en/article.po in Poedit or Weblate)
      transloc build --to en article.html       rebuild build/en/article.html from the PO
      transloc check locales/                   QA gate for CI
    """
    ctx.ensure_object(dict)
    ctx.obj["config"] = config


@main.command()
@config_option
@_to_option
@click.option(
    "--engine",
    metavar="NAME",
    help="argos: offline neural MT with Argos Translate models; pseudo: pseudo-localisation "
    "for layout testing.  [default: argos]",
)
@_locales_option
@_out_option
@_glossary_option
@click.option("--no-localise", is_flag=True, help="Keep numbers, dates, times and quotes as the engine wrote them.")
@_build_options
@click.option("--beam-size", type=click.IntRange(1, 16), help="Argos beam size [default: 4].")
@click.option("--threads", type=click.IntRange(0, 64), help="CPU threads for the MT model [default: all cores].")
@click.option(
    "--cluster",
    metavar="ADDRESS",
    help="Run MT on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786); needs transloc[cluster].",
)
@click.option(
    "--batch-size", type=click.IntRange(1, 4096), help="Sentences per MT batch; catalogs are saved after each."
)
@click.argument("articles", nargs=-1, type=click.Path(path_type=Path))
@click.pass_context
def translate(
    ctx: click.Context,
    to: tuple[str, ...],
    engine: str | None,
    locales: Path | None,
    out: Path | None,
    glossary_paths: tuple[Path, ...],
    no_localise: bool,
    reviewed_only: bool | None,
    threshold: float | None,
    strict: bool,
    beam_size: int | None,
    threads: int | None,
    cluster: str | None,
    batch_size: int | None,
    articles: tuple[str, ...],
) -> None:
    """Extract, machine-translate untranslated sentences, and build.

    Writes locales/<lang>/<article>.po (machine output marked fuzzy; human translations are never
    replaced) and build/<lang>/<article>.html. Re-running translates only what is new.
    """
    from .. import api

    settings = settings_for(
        ctx, locales=locales, out=out, engine=engine, reviewed_only=reviewed_only, batch_size=batch_size,
        localise=False if no_localise else None,
    )
    given = {"beam_size": beam_size, "intra_threads": threads}
    settings.engine_options.update({key: value for key, value in given.items() if value is not None})
    paths = _articles(articles)
    glossary = _load_glossary(settings, glossary_paths)
    reporter = ClickReporter()
    failed = False
    failures: list[Failure] = []
    targets = _targets(to, settings)
    _check_owners(paths, targets, settings)
    remote = _cluster_engines(ctx, cluster or settings.cluster, paths, targets, settings, glossary)
    for target in targets:
        result = api.translate(
            paths, target, settings, engine=remote.get(target.tag), glossary=glossary, reporter=reporter,
            threshold=threshold,
        )
        failures += result.failures
        failed |= report_builds(result.builds, strict)
        report_translation(target, result)
    finish(ctx, failures, len(paths) * len(targets), failed)


def _cluster_engines(
    ctx: click.Context, address: str | None, paths: Sequence[Path], targets: Sequence[TargetLocale],
    settings: Settings, glossary: Glossary | None,
) -> dict[str, Engine]:
    """With a cluster: connect and check the workers' models before any catalog is touched."""
    if not address:
        return {}
    from ..mt import engine_options
    from ..scale import connect

    client = connect(address)
    ctx.call_on_close(client.close)
    return dict(client.prepare(paths, targets, settings, settings.engine, engine_options(settings), glossary))


@main.command()
@config_option
@_to_option
@_locales_option
@_glossary_option
@click.argument("articles", nargs=-1, type=click.Path(path_type=Path))
@click.pass_context
def extract(
    ctx: click.Context, to: tuple[str, ...], locales: Path | None, glossary_paths: tuple[Path, ...],
    articles: tuple[str, ...],
) -> None:
    """Segment articles into locales/<lang>/<article>.po, creating or merging (like msgmerge)."""
    from .. import api

    settings = settings_for(ctx, locales=locales)
    paths = _articles(articles)
    glossary = _load_glossary(settings, glossary_paths)
    failures: list[Failure] = []
    targets = _targets(to, settings)
    _check_owners(paths, targets, settings)
    for target in targets:
        run = api.extract(paths, target, settings, glossary=glossary, reporter=ClickReporter())
        failures += run.failures
        for job in run.jobs:
            m = job.merged
            click.echo(
                f"{job.po_path}: {m.kept} kept, {m.added} new, {m.fuzzy_matched} fuzzy-matched, {m.obsoleted} obsolete"
                + coverage_text(job)
            )
    finish(ctx, failures, len(paths) * len(targets), False)


@main.command()
@config_option
@_to_option
@_locales_option
@_out_option
@_build_options
@click.argument("articles", nargs=-1, type=click.Path(path_type=Path))
@click.pass_context
def build(
    ctx: click.Context,
    to: tuple[str, ...],
    locales: Path | None,
    out: Path | None,
    reviewed_only: bool | None,
    threshold: float | None,
    strict: bool,
    articles: tuple[str, ...],
) -> None:
    """Rebuild build/<lang>/<article>.html from the source and locales/<lang>/<article>.po (no MT).

    Fuzzy (machine) translations are used unless --reviewed-only. A translation whose placeholders
    do not match its source is skipped with a warning naming the PO file and line.
    """
    from .. import api

    settings = settings_for(ctx, locales=locales, out=out, reviewed_only=reviewed_only)
    paths = _articles(articles)
    failed = False
    failures: list[Failure] = []
    targets = _targets(to, settings)
    for target in targets:
        failed |= report_builds(
            api.build(paths, target, settings, threshold=threshold, reporter=ClickReporter()), strict, failures
        )
    finish(ctx, failures, len(paths) * len(targets), failed)


@main.command()
@config_option
@_locales_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--sort", type=click.Choice(["catalog", "confidence"]), default="catalog", show_default=True,
    help="confidence: list the scored machine drafts, weakest first, with file:line.",
)
@click.pass_context
def status(ctx: click.Context, locales: Path | None, fmt: str, sort: str) -> None:
    """Per catalog: translated / fuzzy / untranslated sentences and words, drafts needing review, low confidence."""
    from .. import api, pipeline

    settings = settings_for(ctx, locales=locales)
    rows = api.status(settings)
    broken = [r for r in rows if r.error]
    if sort == "confidence":
        from .review import print_weakest

        print_weakest(pipeline.weakest_entries(rows), fmt)
        status_summary(ctx, broken)
        return
    if fmt == "json":
        click.echo(json.dumps([
            {"path": str(r.path), "language": r.language, "error": r.error} if r.error else
            {"path": str(r.path), "language": r.language, "translated": r.stats.translated, "fuzzy": r.stats.fuzzy,
             "untranslated": r.stats.untranslated, "words": r.stats.words,
             "translated_words": r.stats.translated_words, "fuzzy_words": r.stats.fuzzy_words,
             "needs_review": r.review.needs_review, "low_confidence": r.review.low_confidence}
            for r in rows
        ], indent=2))
        status_summary(ctx, broken)
        return
    if not rows:
        click.echo(f"no catalogs under {settings.locales}/ — run `transloc extract --to LANG ARTICLE` first", err=True)
        return
    width = max(len(str(r.path)) for r in rows)
    click.echo(f"{'catalog':<{width}}  lang    translated  fuzzy  untranslated  words  done  review  low-conf")
    for r in rows:
        s = r.stats
        if r.error:
            problem = r.error.removeprefix(f"{r.path}: ")
            click.echo(f"{str(r.path):<{width}}  {r.language:<6}  error: {problem}")
            continue
        done = 100 * s.translated_words / s.words if s.words else 100.0
        click.echo(
            f"{str(r.path):<{width}}  {r.language:<6}  {s.translated:>10}  {s.fuzzy:>5}  {s.untranslated:>12}  "
            f"{s.words:>5}  {done:>3.0f}%  {r.review.needs_review:>6}  {r.review.low_confidence:>8}"
        )
    status_summary(ctx, broken)


@main.command()
@config_option
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
    help="text: path:line: level[check]: message; json: machine-readable; github: Actions annotations.",
)
@click.option("--skip-fuzzy", is_flag=True, help="Do not check fuzzy (unreviewed) entries.")
@click.option("--strict", is_flag=True, help="Warnings fail too.")
@_glossary_option
@click.pass_context
def check(
    ctx: click.Context, paths: tuple[Path, ...], fmt: str, skip_fuzzy: bool, strict: bool,
    glossary_paths: tuple[Path, ...],
) -> None:
    """QA gate for CI over PO files (default: the locales folder).

    Checks placeholders and tags, glossary terms (inflection-aware; do-not-translate; forbidden
    forms), numbers, dates, times and URLs, and consistency across catalogs.
    Exit 0 clean, 1 on violations, 2 on unusable input.
    """
    from ..checks import runner

    settings = settings_for(ctx)
    glossary = _load_glossary(settings, glossary_paths)
    report = runner.run(list(paths) or [settings.locales], glossary=glossary, skip_fuzzy=skip_fuzzy)
    if fmt == "json":
        click.echo(runner.format_json(report))
    elif fmt == "github":
        for line in runner.format_github(report):
            click.echo(line)
        click.echo(list(runner.format_text(report))[-1], err=True)
    else:
        lines = list(runner.format_text(report))
        for line in lines[:-1]:
            click.echo(line)
        click.echo(lines[-1], err=True)
    ctx.exit(report.exit_code(strict))


main.add_command(models)
main.add_command(glossary)
main.add_command(tm)
main.add_command(review)
