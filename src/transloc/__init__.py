"""transloc: German news articles in, reviewed and localised editions out.

The library API::

    from transloc import Settings, translate

    result = translate(["article.html"], "en-GB", Settings())

Names are loaded on first use, so ``import transloc`` (and ``transloc --help``) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_EXPORTS = {
    "extract": "transloc.api",
    "translate": "transloc.api",
    "build": "transloc.api",
    "status": "transloc.api",
    "Settings": "transloc.config",
    "TargetLocale": "transloc.localise.locales",
    "TranslocError": "transloc.errors",
    "Engine": "transloc.mt.base",
    "Hook": "transloc.mt.base",
    "Draft": "transloc.mt.base",
    "Reporter": "transloc.report",
    "QuietReporter": "transloc.report",
}

__all__ = [
    "Draft",
    "Engine",
    "Hook",
    "QuietReporter",
    "Reporter",
    "Settings",
    "TargetLocale",
    "TranslocError",
    "build",
    "extract",
    "status",
    "translate",
]

if TYPE_CHECKING:
    from .api import build, extract, status, translate
    from .config import Settings
    from .errors import TranslocError
    from .localise.locales import TargetLocale
    from .mt.base import Draft, Engine, Hook
    from .report import QuietReporter, Reporter


def __getattr__(name: str) -> object:
    """Load an exported name from its module on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'transloc' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
