"""Pseudo-localisation: accented, bracketed, ~30 % longer text with placeholders kept.

Localisation engineers use it to see, before any translation exists, which strings escape the
catalog (they stay plain) and whether layouts survive longer text.
"""

from __future__ import annotations

import math
import re

_ACCENTS = str.maketrans(
    "AaBbCcDdEeGgHhIiJjKkLlNnOoRrSsTtUuWwYyZz",
    "ÅåƁƀÇçÐðÉéĜĝĤĥÎîĴĵĶķĻļÑñÖöŔŕŠšŢţÛûŴŵÝýŽž",
)
# Protected spans: inline placeholders and anything a hook marked as tag-like or braced.
_PROTECTED = re.compile(r"</?[A-Za-z0-9_:.-]+/?>|\{\{[^{}]*\}\}|https?://\S+|\S+@\S+\.\w+")
_PROTECTED_SPLIT = re.compile(f"({_PROTECTED.pattern})")
""":data:`_PROTECTED` as one group: ``split`` keeps the protected spans, at odd indices."""


class PseudoEngine:
    name = "pseudo"
    keeps_placeholders = True

    def __init__(self, source: str = "de", target: str = "en", expansion: float = 0.3, **_: object) -> None:
        self.source = source
        self.target = target
        self.expansion = expansion

    @property
    def label(self) -> str:
        return "pseudo"

    def translate_batch(self, texts: list[str]) -> list[str]:
        return [self.translate(text) for text in texts]

    def translate(self, text: str) -> str:
        # One split, C speed: [text, protected, text, …, text]. The accents map character to character,
        # so the visible length is the length of the text pieces, accented.
        parts = _PROTECTED_SPLIT.split(text)
        parts[::2] = [piece.translate(_ACCENTS) for piece in parts[::2]]
        body = "".join(parts)
        visible = sum(map(len, parts[::2]))
        pad = "·" * max(1, math.ceil(visible * self.expansion) - 2)
        return f"[{body} {pad}]"
