"""Quotation marks in MT output rewritten to the target locale's marks, nesting-aware.

Engines keep, mix or mangle quote characters (German „…“, straight "…", »…«), so the output's
marks are classified (opening or closing, double or single) from their context and replaced by the
target's CLDR delimiters. Babel does not ship CLDR ``<delimiters>``, so they are tabled here.
Segments are sentences, so a quotation spanning sentences leaves a lone opening or closing mark:
context decides its role. Apostrophes (``Putin's``, ``Russians’``) are never touched: single marks
change only when paired, except the unambiguous German ``‚``.

French: « and » get U+202F NARROW NO-BREAK SPACE inside (modern French typography, the same space
CLDR uses for French digit grouping), so the marks never wrap away from the quoted words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..placeholders import TOKEN
from .locales import TargetLocale

# CLDR common/main/*.xml <delimiters>: quotationStart, quotationEnd, alternateQuotationStart, alternateQuotationEnd.
DELIMITERS: dict[str, tuple[str, str, str, str]] = {
    "root": ("“", "”", "‘", "’"),
    "en": ("“", "”", "‘", "’"),
    "de": ("„", "“", "‚", "‘"),
    "de-CH": ("«", "»", "‹", "›"),
    "de-LI": ("«", "»", "‹", "›"),
    "fr": ("«", "»", "«", "»"),
    "fr-CH": ("«", "»", "‹", "›"),
    "it": ("«", "»", "“", "”"),
    "it-CH": ("«", "»", "‹", "›"),
    "es": ("«", "»", "“", "”"),
    "pt": ("“", "”", "‘", "’"),
    "pt-PT": ("«", "»", "“", "”"),
    "nl": ("‘", "’", "“", "”"),
    "pl": ("„", "”", "«", "»"),
    "cs": ("„", "“", "‚", "‘"),
    "ru": ("«", "»", "„", "“"),
    "uk": ("«", "»", "„", "“"),
    "sv": ("”", "”", "’", "’"),
    "fi": ("”", "”", "’", "’"),
    "da": ("“", "”", "‘", "’"),
    "nb": ("«", "»", "‘", "’"),
    "hu": ("„", "”", "»", "«"),
    "ro": ("„", "”", "«", "»"),
    "el": ("«", "»", "“", "”"),
    "tr": ("“", "”", "‘", "’"),
    "ja": ("「", "」", "『", "』"),
    "zh": ("“", "”", "‘", "’"),
}
INNER_SPACE = {"fr": "\u202f"}
"""Space inside the marks, by language."""

DOUBLE = frozenset('"„“”«»‟')
SINGLE = frozenset("'‚‘’‹›‛")
_SPACES = " \u00a0\u202f\u2009\t"
_OPENERS_BEFORE = "([{–—-/" + "„“”«»‟‚‘’‹›‛\"'"
_CLOSERS_AFTER = ".,;:!?)]}…–—-/"
_ALWAYS_OPEN = frozenset("„‚")
_ANY_MARK = re.compile("[" + re.escape("".join(sorted(DOUBLE | SINGLE))) + "]")


def delimiters(target: TargetLocale) -> tuple[str, str, str, str]:
    for key in (target.resolved, target.tag, target.language):
        if key in DELIMITERS:
            return DELIMITERS[key]
    return DELIMITERS["root"]


@dataclass
class _Mark:
    pos: int
    char: str
    kind: str  # "double" or "single"
    role: str  # "open", "close" or "either"
    partner: int | None = None
    level: int = 0


def _visible(text: str) -> tuple[list[int], str]:
    """Indices of the characters outside placeholders, and those characters (placeholders are transparent)."""
    idx: list[int] = []
    pos = 0
    for m in TOKEN.finditer(text):
        idx.extend(range(pos, m.start()))
        pos = m.end()
    idx.extend(range(pos, len(text)))
    return idx, TOKEN.sub("", text)  # the same characters, joined at C speed


def _classify(plain: str, i: int) -> str:
    c = plain[i]
    prev = plain[i - 1] if i > 0 else None
    nxt = plain[i + 1] if i + 1 < len(plain) else None
    left_open = prev is None or prev in _SPACES or prev in _OPENERS_BEFORE
    right_open = nxt is None or nxt in _SPACES or nxt in _CLOSERS_AFTER
    if c in SINGLE and prev is not None and nxt is not None and prev.isalnum() and nxt.isalnum():
        return "apostrophe"
    if c in _ALWAYS_OPEN:
        return "open"
    if left_open and not right_open:
        return "open"
    if right_open and not left_open:
        return "close"
    return {"”": "close", "’": "close"}.get(c, "either")


def _pair(marks: list[_Mark]) -> None:
    stack: list[int] = []
    for n, mark in enumerate(marks):
        role = mark.role
        if role == "either":
            role = "close" if any(marks[k].kind == mark.kind for k in stack) else "open"
        mark.role = role
        if role == "open":
            stack.append(n)
            continue
        for depth in range(len(stack) - 1, -1, -1):
            k = stack[depth]
            if marks[k].kind == mark.kind:
                marks[k].partner, mark.partner = n, k
                del stack[depth:]
                break


def convert_quotes(text: str, target: TargetLocale) -> str:
    """``text`` with its quotation marks in the target locale's style; placeholders untouched."""
    if not _ANY_MARK.search(text):
        return text  # nothing to convert (placeholders hold no marks); spares the index of a long text
    idx, plain = _visible(text)
    marks: list[_Mark] = []
    for i, c in enumerate(plain):
        if c in DOUBLE or c in SINGLE:
            role = _classify(plain, i)
            if role != "apostrophe":
                marks.append(_Mark(i, c, "double" if c in DOUBLE else "single", role))
    if not marks:
        return text
    _pair(marks)
    # Level by depth of double quotations; a lone closing mark means the segment starts inside a
    # quotation opened in an earlier sentence. Single marks are the alternate (inner) level.
    keep: list[_Mark] = []
    for mark in marks:
        if mark.partner is None and mark.kind == "single" and mark.char not in _ALWAYS_OPEN:
            continue  # apostrophe or stray mark: leave it
        after_digit = mark.pos > 0 and plain[mark.pos - 1].isdigit()
        if mark.partner is None and mark.char == '"' and mark.role == "close" and after_digit:
            continue  # 5" (inches)
        if mark.kind == "single" and mark.partner is not None and abs(marks[mark.partner].pos - mark.pos) <= 3:
            continue  # rock 'n' roll
        keep.append(mark)
    depth = sum(1 for m in keep if m.kind == "double" and m.role == "close" and m.partner is None)
    for mark in keep:
        if mark.kind == "single":
            mark.level = 1
        elif mark.role == "open":
            mark.level = depth % 2
            depth += 1
        else:
            depth = max(0, depth - 1)
            mark.level = depth % 2
    q_open, q_close, a_open, a_close = delimiters(target)
    inner = INNER_SPACE.get(target.language, "")
    chars = list(text)
    drop: set[int] = set()
    for mark in keep:
        at = idx[mark.pos]
        opening = mark.role == "open"
        chars[at] = (q_open if opening else q_close) if mark.level == 0 else (a_open if opening else a_close)
        # Normalise the spaces on the inner side of the mark to the target's convention.
        step = 1 if opening else -1
        k = mark.pos + step
        while 0 <= k < len(plain) and plain[k] in _SPACES:
            drop.add(idx[k])
            k += step
        if inner and 0 <= k < len(plain):
            chars[at] = chars[at] + inner if opening else inner + chars[at]
    return "".join(ch for n, ch in enumerate(chars) if n not in drop)
