"""Options shared by every command: ``--config FILE`` before or after the subcommand."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

CONFIG_HELP = "Settings file [default: ./transloc.toml when present]."


def _remember(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    """``transloc CMD --config FILE`` means the same as ``transloc --config FILE CMD`` (the later one wins)."""
    if value is not None:
        root = ctx.find_root()
        root.ensure_object(dict)
        root.obj["config"] = value
        ctx.ensure_object(dict)
        ctx.obj["config"] = value


def config_option(f: F) -> F:
    return click.option(
        "--config",
        type=click.Path(dir_okay=False, path_type=Path),
        expose_value=False,
        callback=_remember,
        help=CONFIG_HELP,
    )(f)
