"""``transloc tm``: rebuild the translation-memory index, import and export TMX."""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
def tm() -> None:
    """Translation memory: an index of every catalog (locales/.tm/, safe to delete), TMX exchange."""


@tm.command()
@click.option("--locales", type=click.Path(path_type=Path), help="Catalog folder  [default: locales]")
@click.pass_context
def rebuild(ctx: click.Context, locales: Path | None) -> None:
    """Recreate the index from the PO files (also replaces a corrupt or foreign database file)."""
    from ..tm import Memory
    from ..tm import rebuild as run_rebuild
    from . import ClickReporter, _settings

    settings = _settings(ctx, locales=locales)
    run_rebuild(Path(settings.locales), ClickReporter())
    with Memory.open(Path(settings.locales)) as memory:
        counts = memory.counts()
        path = memory.path
    for lang, (files, reviewed, machine) in sorted(counts.items()):
        click.echo(f"{lang}: {files} catalog(s), {reviewed} reviewed, {machine} machine")
    click.echo(f"rebuilt {path}", err=True)
