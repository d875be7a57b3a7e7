"""Machine-translation engines behind one interface; see :mod:`transloc.mt.base`.

Engines are imported lazily by name so ``transloc --help`` never loads CTranslate2 or Argos.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

from ..errors import TranslocError
from .base import Draft, Engine, Hook

if TYPE_CHECKING:
    from ..config import Settings
    from ..localise.locales import TargetLocale
    from ..report import Reporter

ENGINES: dict[str, str] = {
    "pseudo": "transloc.mt.pseudo:PseudoEngine",
    "argos": "transloc.mt.argos:ArgosEngine",
}


def create_engine(name: str, source: str, target: str, **options: object) -> Engine:
    """Create the engine ``name`` for ``source``→``target`` (language codes such as ``de``, ``en``).

    ``options`` are the engine's own (``beam_size`` …) plus ``reporter``, where it reports downloads."""
    try:
        spec = ENGINES[name]
    except KeyError:
        raise TranslocError(
            f"unknown engine {name!r}", hint=f"choose one of: {', '.join(sorted(ENGINES))}"
        ) from None
    module_name, _, cls_name = spec.partition(":")
    cls: Callable[..., Engine] = getattr(import_module(module_name), cls_name)
    return cls(source=source, target=target, **options)


def engine_for(settings: Settings, target: TargetLocale, reporter: Reporter | None = None) -> Engine:
    """The engine the settings name, German → ``target``, with the settings' options for it."""
    return create_engine(settings.engine, "de", target.language, reporter=reporter, **engine_options(settings))


def engine_options(settings: Settings) -> dict[str, object]:
    """The settings' options for their engine (the ``[argos]`` table; other engines take none)."""
    return dict(settings.engine_options) if settings.engine == "argos" else {}


__all__ = ["ENGINES", "Draft", "Engine", "Hook", "create_engine", "engine_for", "engine_options"]
