"""``transloc tm``: rebuild the translation-memory index, import and export TMX."""

from __future__ import annotations

from pathlib import Path

import click

from .options import config_option, settings_for
from .report import ClickReporter


@click.group()
def tm() -> None:
    """Translation memory: an index of every catalog (locales/.tm/, safe to delete), TMX exchange."""


@tm.command()
@config_option
@click.option("--locales", type=click.Path(path_type=Path), help="Catalog folder  [default: locales]")
@click.pass_context
def rebuild(ctx: click.Context, locales: Path | None) -> None:
    """Recreate the index from the PO files (also replaces a corrupt or foreign database file)."""
    from ..tm import Memory
    from ..tm import rebuild as run_rebuild

    settings = settings_for(ctx, locales=locales)
    run_rebuild(Path(settings.locales), ClickReporter())
    with Memory.open(Path(settings.locales)) as memory:
        counts = memory.counts()
        path = memory.path
    for lang, (files, reviewed, machine) in sorted(counts.items()):
        click.echo(f"{lang}: {files} catalog(s), {reviewed} reviewed, {machine} machine")
    click.echo(f"rebuilt {path}", err=True)


@tm.command("import")
@config_option
@click.argument("tmx_file", metavar="FILE.tmx", type=click.Path(path_type=Path))
@click.option("--to", "to", required=True, metavar="LANG", help="Target locale of the units to import (en, en-GB …).")
@click.option("--locales", type=click.Path(path_type=Path), help="Catalog folder  [default: locales]")
@click.pass_context
def import_(ctx: click.Context, tmx_file: Path, to: str, locales: Path | None) -> None:
    """Bring a TMX memory in: its German → LANG units join exact and fuzzy matching.

    They are written to locales/<LANG>/_tmx/<name>.po as reviewed entries (the PO files are the memory's
    truth); translations already in that catalog are kept.
    """
    from ..pipeline import open_memory, target_locale
    from ..tm.tmx import import_tmx

    settings = settings_for(ctx, locales=locales)
    target = target_locale(to, settings)
    result = import_tmx(tmx_file, target, Path(settings.locales))
    open_memory(settings, target, ClickReporter()).close()
    click.echo(
        f"{result.catalog}: {result.added} unit(s) added, {result.kept} already there"
        + (f", {result.conflicts} kept the catalog's different translation" if result.conflicts else "")
        + (f", {result.mismatched} skipped (inline codes differ between source and target)" if result.mismatched
           else "")
        + (f", {result.other_languages} without de and {target.tag} variants" if result.other_languages else "")
    )


@tm.command("export")
@config_option
@click.option("--to", "to", required=True, metavar="LANG", help="Target locale to export (en, en-GB, fr …).")
@click.option("--include-fuzzy", is_flag=True, help="Also export drafts (machine and fuzzy-matched translations).")
@click.option("--locales", type=click.Path(path_type=Path), help="Catalog folder  [default: locales]")
@click.argument("tmx_file", metavar="FILE.tmx", type=click.Path(path_type=Path))
@click.pass_context
def export(ctx: click.Context, to: str, include_fuzzy: bool, locales: Path | None, tmx_file: Path) -> None:
    """Write the memory of one language as TMX 1.4b, for CAT tools: reviewed translations only, by default."""
    from ..pipeline import open_memory, target_locale
    from ..tm.tmx import export_tmx

    settings = settings_for(ctx, locales=locales)
    target = target_locale(to, settings)
    memory = open_memory(settings, target, ClickReporter())
    try:
        count = export_tmx(
            memory.units(target.tag, include_fuzzy=include_fuzzy), target, Path(settings.locales), tmx_file
        )
    finally:
        memory.close()
    kind = "reviewed and draft" if include_fuzzy else "reviewed"
    click.echo(f"{tmx_file}: {count} {kind} translation unit(s), de → {target.declared}")
