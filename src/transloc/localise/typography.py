"""French spacing before high punctuation: a no-break space so ``?`` never starts a line.

French typography (Imprimerie nationale) puts a narrow no-break space (U+202F) before ``;``, ``!``
and ``?`` and a no-break space (U+00A0) before ``:``. Engines write an ordinary space or none; an
existing space is replaced, and a missing one is added only after a letter or closing mark
(so ``10:30``, ``https://`` and ``?id=5`` stay as they are).
"""

from __future__ import annotations

import re

_EXISTING = re.compile(r"(?<=[^\s\u00a0\u202f])[ \u00a0\u202f\u2009]+([;:!?]+)(?=\s|$|[»”)<])")
_MISSING = re.compile(r"(?<=[^\W\d_]|[»”)])([;!?]+)(?=\s|$|[»”)<])")


def _space(marks: str) -> str:
    return ("\u00a0" if marks[0] == ":" else "\u202f") + marks


def french_spacing(text: str) -> str:
    text = _EXISTING.sub(lambda m: _space(m.group(1)), text)
    return _MISSING.sub(lambda m: _space(m.group(1)), text)
