"""``transloc glossary``: lint, import/export TBX, and measure term use in translated catalogs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import TranslocError
from .options import config_option, settings_for

if TYPE_CHECKING:
    from ..glossary import Glossary


def _paths(ctx: click.Context, extra: tuple[Path, ...]) -> list[Path]:
    from ..glossary import glossary_paths

    return glossary_paths(settings_for(ctx), extra, required=True)


def _load(ctx: click.Context, extra: tuple[Path, ...]) -> Glossary:
    from ..glossary import load_glossary

    return load_glossary(_paths(ctx, extra))


_glossary_option = click.option(
    "--glossary",
    "glossary_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Extra glossary file or folder (CSV/TBX), besides ./glossary/ (repeatable).",
)


@click.group()
def glossary() -> None:
    """Terminology glossary: lint it, exchange it as TBX, measure how well translations follow it."""


@glossary.command()
@config_option
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Fail on warnings (e.g. empty target cells) too.")
@click.pass_context
def lint(ctx: click.Context, paths: tuple[Path, ...], strict: bool) -> None:
    """Validate glossary files (default ./glossary/): headers, empty cells, duplicates, conflicting targets."""
    from ..glossary import glossary_files
    from ..glossary import lint as run_lint

    targets = list(paths) or _paths(ctx, ())
    files = glossary_files(targets)
    problems, count = run_lint(files)
    for problem in problems:
        click.echo(str(problem))
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    click.echo(f"{count} term(s) in {len(files)} file(s): {errors} error(s), {warnings} warning(s)", err=True)
    ctx.exit(1 if errors or (strict and warnings) else 0)


@glossary.command("import")
@config_option
@click.argument("tbx", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="CSV to write [default: glossary/<name>.csv].")
@click.option("--force", is_flag=True, help="Overwrite an existing CSV.")
@click.pass_context
def import_(ctx: click.Context, tbx: Path, output: Path | None, force: bool) -> None:
    """Import a TBX file (ISO 30042, TBX-Basic or TBX v2) as a glossary CSV."""
    from ..fileio import atomic_write_text
    from ..glossary.csvio import write_csv
    from ..glossary.tbx import read_tbx

    glossary, problems = read_tbx(tbx)
    for problem in problems:
        click.echo(str(problem))
    if any(p.level == "error" for p in problems):
        click.echo(f"{tbx}: not imported — fix the concepts listed above", err=True)
        ctx.exit(1)
    output = output or Path("glossary") / f"{tbx.stem}.csv"
    if output.exists() and not force:
        raise TranslocError("file exists", output, "pass --force to overwrite or -o to choose another file")
    atomic_write_text(output, write_csv(glossary))
    click.echo(f"{len(glossary)} term(s) → {output}", err=True)


@glossary.command()
@config_option
@_glossary_option
@click.option("-o", "--output", type=click.Path(path_type=Path), help="TBX file to write [default: stdout].")
@click.pass_context
def export(ctx: click.Context, glossary_paths: tuple[Path, ...], output: Path | None) -> None:
    """Export the glossary as TBX-Basic for Weblate, OmegaT or Trados."""
    from ..fileio import atomic_write_text
    from ..glossary.tbx import write_tbx

    text = write_tbx(_load(ctx, glossary_paths))
    if output is None:
        click.echo(text, nl=False)
    else:
        atomic_write_text(output, text)


@glossary.command()
@config_option
@click.argument("po_files", nargs=-1, required=True, type=click.Path(path_type=Path))
@_glossary_option
@click.option("--to", "language", help="Target locale [default: from the folder name or the PO Language header].")
@click.option("--min", "minimum", type=click.FloatRange(0, 100), help="Exit 1 if the rate (in %) is below this.")
@click.pass_context
def coverage(
    ctx: click.Context,
    po_files: tuple[Path, ...],
    glossary_paths: tuple[Path, ...],
    language: str | None,
    minimum: float | None,
) -> None:
    """Term-use rate: matched terms whose glossary target appears in the translation / all matched terms."""
    from ..glossary.coverage import catalog_term_use

    hits = total = 0
    for row in catalog_term_use(_load(ctx, glossary_paths), po_files, language):
        hits, total = hits + row.hits, total + row.total
        click.echo(f"{row.path}: {row.hits}/{row.total} {_rate(row.hits, row.total)} ({row.locale.tag})")
    click.echo(f"term use: {hits}/{total} {_rate(hits, total)}")
    if minimum is not None and total and hits * 100 < minimum * total:
        ctx.exit(1)


@glossary.command()
@config_option
@click.argument("text", nargs=-1, required=True)
@_glossary_option
@click.option("--to", "language", default="en", show_default=True, help="Target locale for the targets shown.")
@click.pass_context
def match(ctx: click.Context, text: tuple[str, ...], glossary_paths: tuple[Path, ...], language: str) -> None:
    """Show which terms a German sentence matches and what they become (for glossary authors)."""
    from ..glossary import replacement
    from ..localise.locales import parse_locale

    loaded = _load(ctx, glossary_paths)
    locale = parse_locale(language)
    found = loaded.find(" ".join(text))
    for item in found:
        target = replacement(item, locale)
        shown = "(no target for this locale)" if target is None else target
        flags = ", ".join(f for f, on in (("dnt", item.term.dnt), ("genitive", item.genitive)) if on)
        click.echo(
            f"{item.surface} → {shown}    [{item.term.source}; {item.term.origin}{'; ' + flags if flags else ''}]"
        )
    if not found:
        click.echo("no glossary term found", err=True)


def _rate(hits: int, total: int) -> str:
    return f"{100 * hits / total:.1f} %" if total else "n/a"
