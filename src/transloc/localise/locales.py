"""Target locales: one parsed form of ``--to`` for folders, PO headers, ``<html lang>`` and CLDR.

``--to en`` keeps ``en`` as folder name but resolves to a default region (``en-US`` unless
``transloc.toml`` says otherwise) for conventions and glossary variants.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import TranslocError

if TYPE_CHECKING:
    from babel import Locale

@lru_cache(maxsize=32)
def _babel_locale(tag: str) -> Locale:
    """Babel's locale for ``tag``, parsed once: every number and date rendering asks (20,000 numbers in
    a sentence spent 0.7 s parsing ``en-US`` again and again)."""
    from babel import Locale

    return Locale.parse(tag, sep="-")


DEFAULT_REGIONS = {"en": "en-US", "de": "de-DE", "fr": "fr-FR", "pt": "pt-PT", "es": "es-ES", "zh": "zh-CN"}


@dataclass(frozen=True)
class TargetLocale:
    tag: str
    """As given on the command line, normalised (``en``, ``en-GB``): folder names use it."""
    resolved: str
    """With a region where one was configured (``en`` → ``en-US``): conventions use it."""
    configured: bool = False
    """True when ``resolved`` came from the project's ``[regions]``: then files declare it too."""

    @property
    def declared(self) -> str:
        """What files say the language is (``Language`` header, ``<html lang>``, ``Plural-Forms``):
        the configured region (``[regions] en = "en-GB"`` → ``en-GB``), else the tag as given."""
        return self.resolved if self.configured else self.tag

    @property
    def language(self) -> str:
        return self.tag.split("-")[0]

    @property
    def po_language(self) -> str:
        """gettext form for the ``Language`` header: ``en``, ``en_GB``."""
        return self.declared.replace("-", "_")

    @property
    def babel(self) -> Locale:
        return _babel_locale(self.resolved)

    @property
    def direction(self) -> str:
        return "rtl" if self.babel.character_order == "right-to-left" else "ltr"

    @property
    def plural_forms(self) -> str:
        from babel.messages.plurals import get_plural

        try:
            plural = get_plural(self.po_language)
        except Exception:
            plural = get_plural(self.language)
        return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"

    def variants(self) -> list[str]:
        """Most specific first: glossary columns to try for this locale (``en-GB``, ``en``)."""
        out = [self.tag]
        if self.resolved != self.tag:
            out.insert(0, self.resolved)
        if self.language not in out:
            out.append(self.language)
        return out


def parse_locale(value: str, defaults: dict[str, str] | None = None) -> TargetLocale:
    """Parse ``en``, ``en-GB``, ``en_GB``, ``fr``; reject what CLDR does not know."""
    from babel import Locale, UnknownLocaleError

    raw = value.strip().replace("_", "-")
    try:
        loc = Locale.parse(raw, sep="-")
    except (ValueError, UnknownLocaleError):
        raise TranslocError(
            f"unknown target language {value!r}", hint="use a language code such as en, en-GB, fr, de-CH"
        ) from None
    tag = loc.language + (f"-{loc.territory}" if loc.territory else "")
    if loc.script and not loc.territory:
        tag = f"{loc.language}-{loc.script}"
    table = {**DEFAULT_REGIONS, **(defaults or {})}
    resolved = tag if loc.territory else table.get(tag, tag)
    configured = not loc.territory and tag in (defaults or {})
    if configured:
        resolved = _configured(resolved)
    return TargetLocale(tag=tag, resolved=resolved, configured=configured)


def _configured(value: str) -> str:
    """A ``[regions]`` value, normalised like ``--to`` (``en_gb`` → ``en-GB``); unknown ones are one line."""
    try:
        parsed = parse_locale(value)
    except TranslocError:
        raise TranslocError(
            f"unknown locale {value!r} in [regions]", hint="use a locale such as en-GB, fr-CH in transloc.toml"
        ) from None
    return parsed.tag
