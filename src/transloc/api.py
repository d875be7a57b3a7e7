"""The library's front door, re-exported by :mod:`transloc`: the four operations the CLI offers, taking
plain values and filling in what is not given the way the ``transloc`` command does.

- ``settings``: ``./transloc.toml`` when present, else the defaults.
- ``to``: a locale tag (``"en-GB"``; a bare ``"en"`` follows the settings' ``[regions]``) or a TargetLocale.
- ``glossary``: the project's (the settings' ``glossary`` folders that exist).
- ``engine``: the one the settings name (``argos`` by default, with its ``[argos]`` options), created
  only when something needs machine translation.
- ``reporter``: where progress and warnings go; nothing is printed without one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import pipeline
from .config import Settings, resolve_settings
from .localise.locales import TargetLocale, parse_locale
from .mt.base import Engine
from .report import Reporter

if TYPE_CHECKING:
    from .glossary import Glossary

Articles = Sequence[str | Path]


def _settings(settings: Settings | None) -> Settings:
    return settings if settings is not None else resolve_settings()


def _target(to: str | TargetLocale, settings: Settings) -> TargetLocale:
    return to if isinstance(to, TargetLocale) else parse_locale(to, settings.regions)


def _glossary(glossary: Glossary | None, settings: Settings) -> Glossary | None:
    if glossary is not None:
        return glossary
    from .glossary import project_glossary

    return project_glossary(settings)


def extract(
    articles: Articles,
    to: str | TargetLocale,
    settings: Settings | None = None,
    *,
    glossary: Glossary | None = None,
    reporter: Reporter | None = None,
) -> pipeline.Prepared:
    """Segment articles into ``<locales>/<lang>/<article>.po``, creating or merging like msgmerge."""
    settings = _settings(settings)
    target = _target(to, settings)
    return pipeline.extract([Path(a) for a in articles], target, settings, _glossary(glossary, settings), reporter)


def translate(
    articles: Articles,
    to: str | TargetLocale,
    settings: Settings | None = None,
    *,
    engine: Engine | Callable[[TargetLocale], Engine] | None = None,
    glossary: Glossary | None = None,
    reporter: Reporter | None = None,
    threshold: float | None = None,
) -> pipeline.TranslateResult:
    """Extract, fill untranslated entries (translation memory, then the engine), build the editions.

    ``engine`` is an engine, or a function making one for the target locale (called only when some
    sentence needs machine translation, so a missing model costs nothing when none does).
    """
    settings = _settings(settings)
    target = _target(to, settings)

    def make_engine() -> Engine:
        if engine is None:
            from .mt import engine_for

            return engine_for(settings, target, reporter)
        return engine if isinstance(engine, Engine) else engine(target)

    return pipeline.translate(
        [Path(a) for a in articles],
        target,
        settings,
        make_engine,
        glossary=_glossary(glossary, settings),
        reporter=reporter,
        threshold=threshold,
    )


def build(
    articles: Articles,
    to: str | TargetLocale,
    settings: Settings | None = None,
    *,
    threshold: float | None = None,
    reporter: Reporter | None = None,
) -> list[pipeline.BuildResult]:
    """Write the localised editions from the sources and their catalogs; no machine translation."""
    settings = _settings(settings)
    return pipeline.build(
        [Path(a) for a in articles], _target(to, settings), settings, threshold=threshold, reporter=reporter
    )


def status(settings: Settings | None = None) -> list[pipeline.CatalogStatus]:
    """Translated, fuzzy and untranslated sentences and words of every catalog under the settings' locales."""
    return pipeline.status(_settings(settings).locales)
