"""Options shared by every command: ``--config FILE`` before or after the subcommand."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from ..config import Settings

F = TypeVar("F", bound=Callable[..., Any])  # Any: click decorates commands of any signature

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
        type=click.Path(path_type=Path),
        expose_value=False,
        callback=_remember,
        help=CONFIG_HELP,
    )(f)


def settings_for(ctx: click.Context, **given: object) -> Settings:
    """The run's settings: the --config file (or ./transloc.toml), then the options given (None: not given)."""
    from ..config import resolve_settings

    root = ctx.find_root()
    config = root.obj.get("config") if isinstance(root.obj, dict) else None
    return resolve_settings(config, **given)
