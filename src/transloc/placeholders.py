"""Numbered inline placeholders: ``<1>…</1>`` for paired elements, ``<2/>`` for void ones.

Translators see and move these tokens; the numbers map back to the source's elements at build
time, so a PO file never holds HTML attributes that could be broken or abused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .errors import PlaceholderError

TOKEN = re.compile(r"<(/?)(\d+)(/?)>")
_TOKEN_TEXT = re.compile(r"</?\d+/?>")
"""TOKEN without groups: ``findall`` returns the tokens as written."""
_PLACEHOLDER = re.compile(r"<(?:/\d+|\d+/?)>")
"""A placeholder TOKEN counts (``</1/>`` is none)."""
_UNUSUAL_NUMBER = re.compile(r"</?(?!(?:0|[1-9][0-9]*)/?>)\d+/?>")
"""A TOKEN whose number ``str(int(…))`` writes otherwise (``<01>``, non-ASCII digits)."""
_VOID = re.compile(r"<\d+/>")
_PAIR = re.compile(r"<(\d+)></\1>")
"""A placeholder pair with nothing between (in a text of placeholders only, see :func:`_well_nested`)."""
_TOKEN_NUMBER = re.compile(r"</?(\d+)/?>")
"""TOKEN's number only: ``findall`` returns the numbers as written."""


@dataclass(frozen=True)
class Token:
    kind: str  # "open", "close", "void"
    number: int
    start: int
    end: int

    @property
    def markup(self) -> str:
        """How the token is written: ``<1>``, ``</1>`` or ``<2/>``."""
        if self.kind == "open":
            return f"<{self.number}>"
        return f"</{self.number}>" if self.kind == "close" else f"<{self.number}/>"


@lru_cache(maxsize=256)
def tokens(text: str) -> tuple[Token, ...]:
    """The placeholders of ``text`` in order. Cached: every stage asks again about the same sentence,
    and a sentence with 100,000 inline elements took a quarter of a second each time."""
    out = []
    for m in TOKEN.finditer(text):
        if m.group(1) and m.group(3):
            continue  # "</1/>" is not a placeholder
        kind = "close" if m.group(1) else "void" if m.group(3) else "open"
        out.append(Token(kind, int(m.group(2)), m.start(), m.end()))
    return tuple(out)


@lru_cache(maxsize=64)
def highest_number(text: str) -> int:
    """The highest placeholder number in ``text`` (0 if none), as :func:`tokens` reads them."""
    return max((int(digits) for close, digits, void in TOKEN.findall(text) if not (close and void)), default=0)


def split(text: str) -> tuple[list[str], list[str]]:
    """The text between placeholders (one piece more than placeholders) and the placeholders as written:
    what :func:`tokens` finds, at C speed and without Token objects."""
    return _PLACEHOLDER.split(text), _PLACEHOLDER.findall(text)


def has_tokens(text: str) -> bool:
    """Whether ``text`` has a placeholder: ``bool(tokens(text))`` without building them."""
    return _PLACEHOLDER.search(text) is not None


def strip(text: str) -> str:
    """Text without placeholders (what an engine or a word count should see)."""
    return TOKEN.sub("", text)


def validate(text: str) -> None:
    """Raise PlaceholderError unless every paired placeholder is opened, closed and nested properly."""
    problem = _nesting_problem(text)
    if problem is not None:
        raise PlaceholderError(problem)


@lru_cache(maxsize=256)
def _nesting_problem(text: str) -> str | None:
    """What :func:`validate` raises for ``text``, or None. Reads the regex's groups rather than building
    :class:`Token` objects (100,000 inline elements: a third of the time), and is cached: the tag hook and
    the build ask about the same source sentence for every translation of it."""
    if _well_nested(text):
        return None
    stack: list[int] = []
    seen: set[tuple[str, int]] = set()
    for close, digits, void in TOKEN.findall(text):
        if close and void:
            continue  # "</1/>" is not a placeholder
        number = int(digits)
        kind = "close" if close else "void" if void else "open"
        key = (kind, number)
        if key in seen:
            return f"placeholder {Token(kind, number, 0, 0).markup} appears twice"
        seen.add(key)
        if kind == "open":
            stack.append(number)
        elif kind == "close":
            if not stack or stack[-1] != number:
                return f"placeholder </{number}> is not properly nested"
            stack.pop()
    if stack:
        return f"placeholder <{stack[-1]}> is never closed"
    return None


def _well_nested(text: str, rounds: int = 8) -> bool:
    """True when ``text``'s placeholders are certainly unique and well nested, decided at C speed; False
    means "not certain" (then :func:`_nesting_problem` walks them one by one, and words the problem).

    With numbers written plainly, a placeholder's text says its kind and number, so a set finds
    duplicates; and a sequence of unique pairs is well nested exactly when taking out ``<n></n>`` side by
    side, round after round, leaves nothing (voids aside). Deep nesting needs a round per level: after
    ``rounds`` the walk decides instead."""
    if _UNUSUAL_NUMBER.search(text):
        return False
    marks = _PLACEHOLDER.findall(text)
    if len(set(marks)) != len(marks):
        return False
    rest = _VOID.sub("", "".join(marks))
    for _ in range(rounds):
        if not rest:
            return True
        rest, taken = _PAIR.subn("", rest)
        if not taken:
            return False
    return not rest


def compare(source: str, translation: str) -> str | None:
    """Why ``translation``'s placeholders do not fit ``source``'s, or None when they do.

    Order may change (languages reorder phrases); the set must be equal and well nested.
    """
    if _TOKEN_TEXT.findall(source) == _TOKEN_TEXT.findall(translation):
        # The same placeholders in the same order (what most engines return): the translation nests as the
        # source does, and the sets are equal. Compared as strings at C speed, no Token objects.
        return _nesting_problem(source)
    problem = _nesting_problem(translation)
    if problem is not None:
        return problem
    want = {(t.kind, t.number) for t in tokens(source)}
    have = {(t.kind, t.number) for t in tokens(translation)}
    missing = sorted(want - have, key=lambda k: k[1])
    extra = sorted(have - want, key=lambda k: k[1])
    if missing:
        return "missing placeholder " + ", ".join(Token(k, n, 0, 0).markup for k, n in missing)
    if extra:
        return "unknown placeholder " + ", ".join(Token(k, n, 0, 0).markup for k, n in extra)
    return None


def renumber(text: str, start: int = 1) -> tuple[str, dict[int, int]]:
    """Renumber placeholders in order of appearance from ``start``; return new text and new→old map.

    Segments are renumbered from 1 so that the same sentence gets the same msgid wherever it
    stands in a block (translation memory reuse), and the map restores block numbering at build.
    """
    written = list(dict.fromkeys(_TOKEN_NUMBER.findall(text)))  # distinct numbers, in order of appearance
    if written == list(map(str, range(start, start + len(written)))):
        # Already numbered so (a sentence that starts its block, a block of one sentence): nothing to rewrite.
        # 100,000 inline elements took half a second through the callback below.
        return text, {number: number for number in range(start, start + len(written))}
    mapping: dict[int, int] = {}
    reverse: dict[int, int] = {}

    def sub(m: re.Match[str]) -> str:
        old = int(m.group(2))
        if old not in reverse:
            new = start + len(reverse)
            reverse[old] = new
            mapping[new] = old
        return f"<{m.group(1)}{reverse[old]}{m.group(3)}>"

    return TOKEN.sub(sub, text), mapping


def apply_mapping(text: str, mapping: dict[int, int]) -> str:
    """Map placeholder numbers through ``mapping`` (unknown numbers are left as they are)."""
    if all(new == old for new, old in mapping.items()):
        # The identity (see :func:`renumber`): the text stays unless a number is written unusually (``<01>``).
        if not _UNUSUAL_NUMBER.search(text):
            return text

    def sub(m: re.Match[str]) -> str:
        num = int(m.group(2))
        return f"<{m.group(1)}{mapping.get(num, num)}{m.group(3)}>"

    return TOKEN.sub(sub, text)
