"""Machine-translation engines behind one interface; see :mod:`transloc.mt.base`.

Engines are imported lazily by name so ``transloc --help`` never loads CTranslate2 or Argos.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from ..errors import TranslocError
from .base import Draft, Engine, Hook

ENGINES: dict[str, str] = {
    "pseudo": "transloc.mt.pseudo:PseudoEngine",
    "argos": "transloc.mt.argos:ArgosEngine",
}


def create_engine(name: str, source: str, target: str, **options: Any) -> Engine:
    """Create the engine ``name`` for ``source``→``target`` (language codes such as ``de``, ``en``)."""
    try:
        spec = ENGINES[name]
    except KeyError:
        raise TranslocError(
            f"unknown engine {name!r}", hint=f"choose one of: {', '.join(sorted(ENGINES))}"
        ) from None
    module_name, _, cls_name = spec.partition(":")
    cls: Callable[..., Engine] = getattr(import_module(module_name), cls_name)
    return cls(source=source, target=target, **options)


__all__ = ["ENGINES", "Draft", "Engine", "Hook", "create_engine"]
