"""``transloc review``: the bilingual review page; and the weakest-first listing of ``transloc status``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .common import (
    _articles,
    _glossary_option,
    _load_glossary,
    _locales_option,
    _out_option,
    _settings,
    _targets,
    _to_option,
)
from .options import config_option

if TYPE_CHECKING:
    from ..review.summary import Weak


@click.command()
@config_option
@_to_option
@_locales_option
@_out_option
@_glossary_option
@click.option(
    "--low", type=click.FloatRange(0, 1), default=None, metavar="X",
    help="Confidence below which a draft counts as low [default: 0.5].",
)
@click.option(
    "--reviewed-only", is_flag=True, default=None,
    help="Show machine drafts as falling back to the source, as `build --reviewed-only` would.",
)

@click.argument("articles", nargs=-1, type=click.Path(path_type=Path))
@click.pass_context
def review(
    ctx: click.Context, to: tuple[str, ...], locales: Path | None, out: Path | None,
    glossary_paths: tuple[Path, ...], low: float | None, reviewed_only: bool | None, articles: tuple[str, ...],
) -> None:
    """Write build/<lang>/<article>.review.html: source and translation side by side, with state,
    confidence, review flags, check diagnostics, glossary hits and source diffs (one offline file)."""
    from ..review.confidence import LOW_CONFIDENCE
    from ..review.workbench import write_pages

    settings = _settings(ctx, locales=locales, out=out, reviewed_only=reviewed_only)
    paths = _articles(articles)
    glossary = _load_glossary(settings, glossary_paths)
    for target in _targets(to, settings):
        for written in write_pages(
            paths, target, settings, glossary=glossary, threshold=LOW_CONFIDENCE if low is None else low
        ):
            c = written.page.counts
            click.echo(str(written.path))
            click.echo(
                f"{written.path}: {c['sentences']} sentences, {c['reviewed']} reviewed, {c['draft']} machine drafts, "
                f"{c['untranslated']} untranslated, {c['fallback']} fall back; {c['needs_review']} need review, "
                f"{c['low']} low confidence, {c['error_diagnostics']} errors",
                err=True,
            )


def print_weakest(entries: Sequence[Weak], fmt: str) -> None:
    """``status --sort confidence``: scored machine drafts, weakest first, as ``file:line: 0.12 msgid``."""
    if fmt == "json":
        click.echo(json.dumps([
            {"path": str(w.path), "line": w.line, "confidence": w.confidence, "msgid": w.msgid, "msgstr": w.msgstr,
             "review": list(w.notes)}
            for w in entries
        ], ensure_ascii=False, indent=2))
        return
    if not entries:
        click.echo("no machine drafts with a confidence (engines that score, not yet edited by a person)", err=True)
        return
    for w in entries:
        flags = f"  [{'; '.join(w.notes)}]" if w.notes else ""
        click.echo(f"{w.where}: {w.confidence:.2f}  {_short(w.msgid)}{flags}")


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
