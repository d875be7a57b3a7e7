"""Helpers and options the commands share: article and locale arguments, the project glossary."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .options import settings_for

if TYPE_CHECKING:
    from ..config import Settings
    from ..glossary import Glossary
    from ..localise.locales import TargetLocale

# Any: click's decorators take and return commands of any signature.
Decorated = Callable[..., Any]

_settings = settings_for


def _load_glossary(settings: Settings, extra: Sequence[Path]) -> Glossary | None:
    from ..glossary import project_glossary  # imported here: `transloc --help` must not load the matcher

    return project_glossary(settings, extra)


def _articles(values: Sequence[str]) -> list[Path]:
    if not values:
        raise click.UsageError("name at least one ARTICLE (.html or .txt)")
    return [Path(v) for v in values]


def _targets(values: Sequence[str], settings: Settings) -> list[TargetLocale]:
    from ..localise.locales import parse_locale

    return [parse_locale(v, settings.regions) for v in values]


# --------------------------------------------------------------------------------------------- options

def _to_option(f: Decorated) -> Decorated:
    return click.option(
        "--to",
        "to",
        multiple=True,
        required=True,
        metavar="LANG",
        help="Target locale: en, en-GB, en-US, fr, de-CH … (repeatable). `en` means the configured default region.",
    )(f)


def _locales_option(f: Decorated) -> Decorated:
    return click.option(
        "--locales",
        type=click.Path(path_type=Path),
        help="Catalog folder: <DIR>/<lang>/<article>.po  [default: locales]",
    )(f)


def _out_option(f: Decorated) -> Decorated:
    return click.option(
        "--out",
        type=click.Path(path_type=Path),
        help="Output folder: <DIR>/<lang>/<article>.html  [default: build]",
    )(f)


def _glossary_option(f: Decorated) -> Decorated:
    return click.option(
        "--glossary",
        "glossary_paths",
        multiple=True,
        type=click.Path(path_type=Path),
        help="Extra glossary file or folder (CSV/TBX), besides ./glossary/ (repeatable).",
    )(f)


def _build_options(f: Decorated) -> Decorated:
    f = click.option(
        "--strict", is_flag=True,
        help="Exit 1 when any sentence fell back to the source language (untranslated, fuzzy excluded, "
        "source changed, invalid placeholders).",
    )(f)
    f = click.option(
        "--threshold",
        type=click.FloatRange(0, 100),
        metavar="PCT",
        help="Refuse to build an article with less than PCT % of its sentences translated.",
    )(f)
    f = click.option(
        "--reviewed-only",
        is_flag=True,
        default=None,
        help="Use only reviewed (non-fuzzy) translations; machine drafts are left in German.",
    )(f)
    return f


def _check_owners(paths: Sequence[Path], targets: Sequence[TargetLocale], settings: Settings) -> None:
    """With several languages, a catalog of the last one that belongs to another article must stop the
    run before the first language is written (each language's run checks its own catalogs anyway)."""
    if len(targets) > 1:
        from ..layout import check_owners

        check_owners(paths, settings.project, settings.locales, [t.tag for t in targets])
