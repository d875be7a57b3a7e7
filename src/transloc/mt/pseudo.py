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
_ACCENT_TABLE = [chr(_ACCENTS.get(code, code)) for code in range(128)]
""":data:`_ACCENTS` as a list over ASCII (what else it meets stays, as an IndexError): twice as fast."""
# Protected spans: inline placeholders and anything a hook marked as tag-like or braced.
_NOT_MAIL = r"</?[A-Za-z0-9_:.-]+/?>|\{\{[^{}]*\}\}|https?://\S+"
_MAIL = r"\S+@\S+\.\w+"
_PROTECTED = re.compile(f"{_NOT_MAIL}|{_MAIL}")
_PROTECTED_SPLIT = re.compile(f"({_PROTECTED.pattern})")
""":data:`_PROTECTED` as one group: ``split`` keeps the protected spans, at odd indices."""
_PROTECTED_SPLIT_NO_MAIL = re.compile(f"({_NOT_MAIL})")
"""The same for text without ``@``: the e-mail branch, last, can match nothing there, and it scans back
over every word for an ``@`` (half the time on 100,000 inline elements)."""


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
        # so the visible length is the length of the text pieces.
        parts = (_PROTECTED_SPLIT if "@" in text else _PROTECTED_SPLIT_NO_MAIL).split(text)
        protected = "".join(parts[1::2])
        if protected.translate(_ACCENT_TABLE) == protected:  # placeholders only (digits): accent all at once
            body = text.translate(_ACCENT_TABLE)
        else:
            parts[::2] = [piece.translate(_ACCENT_TABLE) for piece in parts[::2]]
            body = "".join(parts)
        visible = len(text) - len(protected)
        pad = "·" * max(1, math.ceil(visible * self.expansion) - 2)
        return f"[{body} {pad}]"
