"""Where GNU gettext breaks a long PO string: the rules of ``msgcat``'s ``wrap()``.

gettext (0.21, with libunistring 1.0) finds break opportunities with the pair table of Unicode
UAX #14 as libunistring implements it, then fills lines greedily up to 79 columns. polib wraps
with Python's ``textwrap`` instead, so a file round-tripped through ``msgcat``, ``msgmerge``, Poedit
or Weblate came back rewrapped; writing the same breaks as gettext keeps git diffs to real changes.
The Unicode Line_Break property comes from ``uniseg``; the table and the special cases below follow
libunistring's ``u8_possible_linebreaks`` and ``u8_width_linebreaks``.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from uniseg.linebreak import line_break

POSSIBLE, PROHIBITED, MANDATORY = 1, 0, 2

# Classes of UAX #14 table 7.3, in libunistring's order (rows: before the break, columns: after).
_CLASSES = "WJ GL B2 BA BB HY CL CP EX IN NS OP QU IS NU PO PR SY AL H2 H3 ID JL JV JT HL RI EB EM".split()
_INDEX = {name: i for i, name in enumerate(_CLASSES)}
# D: direct break allowed, I: only with spaces in between, P: prohibited. As libunistring 1.0 has it,
# which includes LB24 (no break between a letter and a currency or percent sign: "5€", "€5") and LB22
# (no break before an ellipsis).
_TABLE = [
    row.split()
    for row in (
        "P I I I I I P P P I I I I P I I I P I I I I I I I I I I I",  # WJ
        "P I I I I I P P P I I I I P I I I P I I I I I I I I I I I",  # GL
        "P I P I D I P P P I I D I P D D D P D D D D D D D D D D D",  # B2
        "P D D I D I P P P I I D I P D D D P D D D D D D D D D D D",  # BA
        "P I I I I I P P P I I I I P I I I P I I I I I I I I I I I",  # BB
        "P D D I D I P P P I I D I P I D D P D D D D D D D D D D D",  # HY
        "P I D I D I P P P I P D I P D I I P D D D D D D D D D D D",  # CL
        "P I D I D I P P P I P D I P I I I P I D D D D D D I D D D",  # CP
        "P I D I D I P P P I I D I P D D D P D D D D D D D D D D D",  # EX
        "P I D I D I P P P I I D I P D D D P D D D D D D D D D D D",  # IN
        "P I D I D I P P P I I D I P D D D P D D D D D D D D D D D",  # NS
        "P P P P P P P P P P P P P P P P P P P P P P P P P P P P P",  # OP
        "P I I I I I P P P I I P I P I I I P I I I I I I I I I I I",  # QU
        "P I D I D I P P P I I D I P I D D P D D D D D D D D D D D",  # IS
        "P I D I D I P P P I I I I P I I I P I D D D D D D I D D D",  # NU
        "P I D I D I P P P I I I I P I D D P I D D D D D D I D D D",  # PO
        "P I D I D I P P P I I I I P I D D P I I I I I I I I D I I",  # PR
        "P I D I D I P P P I I D I P I D D P D D D D D D D I D D D",  # SY
        "P I D I D I P P P I I I I P I I I P I D D D D D D I D D D",  # AL
        "P I D I D I P P P I I D I P D I D P D D D D D I I D D D D",  # H2
        "P I D I D I P P P I I D I P D I D P D D D D D D I D D D D",  # H3
        "P I D I D I P P P I I D I P D I D P D D D D D D D D D D D",  # ID
        "P I D I D I P P P I I D I P D I D P D I I D I I D D D D D",  # JL
        "P I D I D I P P P I I D I P D I D P D D D D D I I D D D D",  # JV
        "P I D I D I P P P I I D I P D I D P D D D D D D I D D D D",  # JT
        "P I D I D I P P P I I I I P I I I P I D D D D D D I D D D",  # HL
        "P I D I D I P P P I I D I P D D D P D D D D D D I D I D D",  # RI
        "P I D I D I P P P I I D I P D I D P D D D D D D I D I D I",  # EB
        "P I D I D I P P P I I D I P D I D P D D D D D D I D I D D",  # EM
    )
]
# Newer Unicode classes that libunistring 1.0 resolves to one of the table's classes.
_RESOLVE = {
    "AI": "AL", "XX": "AL", "SA": "AL", "SG": "AL", "CB": "ID", "CJ": "NS",
    "AK": "AL", "AP": "AL", "AS": "AL", "VF": "AL", "VI": "AL",
}  # fmt: skip
_MANDATORY = {"BK", "CR", "LF", "NL"}


@lru_cache(maxsize=4096)
def _class(char: str) -> str:
    value = str(line_break(char).value)
    return _RESOLVE.get(value, value)


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Columns a character takes, as libunistring's ``uc_width`` counts them in UTF-8."""
    if unicodedata.category(char) in ("Mn", "Me") or (unicodedata.category(char) == "Cf" and char != "\u00ad"):
        return 0
    if "\u1160" <= char <= "\u11ff":
        return 0
    if unicodedata.category(char) == "Cc":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def possible_breaks(text: str) -> list[int]:
    """``result[i]`` says whether a line may break before ``text[i]`` (UAX #14 pair table)."""
    result = [PROHIBITED] * len(text)
    last = "BK"  # class of the last non-space character
    space_seen = False
    for i, char in enumerate(text):
        cls = _class(char)
        if cls in _MANDATORY:
            result[i] = MANDATORY
            last, space_seen = "BK", False
        elif cls == "SP":
            space_seen = True
        elif cls == "ZW":
            last, space_seen = "ZW", False
        elif cls in ("CM", "ZWJ"):
            if last == "ZW":
                result[i] = POSSIBLE
                last = "ID"
            elif space_seen:
                # A combining mark after a space turns the space into an ID.
                space_seen = False
                result[i - 1] = _pair(last, "ID", space_seen=_space_before(text, i - 1))
                last = "ID"
        else:
            if last == "BK":
                result[i] = PROHIBITED
            elif last == "ZW":
                result[i] = POSSIBLE
            else:
                result[i] = _pair(last, cls, space_seen=space_seen)
            last, space_seen = cls, False
    return result


def _space_before(text: str, index: int) -> bool:
    return index > 0 and _class(text[index - 1]) == "SP"


def _pair(before: str, after: str, *, space_seen: bool) -> int:
    if before not in _INDEX or after not in _INDEX:
        return POSSIBLE if space_seen else PROHIBITED
    rule = _TABLE[_INDEX[before]][_INDEX[after]]
    if rule == "D":
        return POSSIBLE
    if rule == "I":
        return POSSIBLE if space_seen else PROHIBITED
    return PROHIBITED


def width_breaks(text: str, width: int, start_column: int, overrides: list[int | None]) -> list[bool]:
    """Greedy filling like ``u8_width_linebreaks``: ``result[i]`` is True where a line ends before ``text[i]``."""
    breaks = possible_breaks(text)
    result = [False] * len(text)
    last_break: int | None = None
    last_column = start_column
    piece = 0
    for i, char in enumerate(text):
        kind = overrides[i] if overrides[i] is not None else breaks[i]
        if kind in (POSSIBLE, MANDATORY) and last_break is not None and last_column + piece > width:
            result[last_break] = True
            last_column = 0
        if kind == MANDATORY:
            last_break, last_column, piece = None, 0, 0
            continue
        if kind == POSSIBLE:
            last_break = i
            last_column += piece
            piece = 0
        piece += char_width(char)
    if last_break is not None and last_column + piece > width:
        result[last_break] = True
    return result
