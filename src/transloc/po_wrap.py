"""Where GNU gettext breaks a long PO string: the rules of ``msgcat``'s ``wrap()``.

gettext (0.21, with libunistring 1.0) finds break opportunities with the pair table of Unicode
UAX #14 as libunistring implements it, then fills lines greedily up to 79 columns. polib wraps
with Python's ``textwrap`` instead, so a file round-tripped through ``msgcat``, ``msgmerge``, Poedit
or Weblate came back rewrapped; writing the same breaks as gettext keeps git diffs to real changes.
The Unicode Line_Break property comes from ``uniseg``; the table and the special cases below follow
libunistring's ``u8_possible_linebreaks`` and ``u8_width_linebreaks``: :func:`line_breaks` finds
the opportunities once per string, :func:`fill` chooses the line ends for a start column.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Collection, Iterable
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

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


def _possible_breaks_reference(text: str) -> list[int]:
    """``result[i]`` says whether a line may break before ``text[i]`` (UAX #14 pair table), one character
    at a time: the reference the fast path is tested against, and its fallback for the rare classes."""
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


def _width_breaks_reference(text: str, width: int, start_column: int, overrides: list[int | None]) -> list[bool]:
    """Greedy filling like ``u8_width_linebreaks``, one character at a time (the reference of :func:`fill`):
    ``result[i]`` is True where a line ends before ``text[i]``."""
    breaks = _possible_breaks_reference(text)
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


# Fast path. Each character becomes one ASCII code for its (class, width) so that C-level operations
# (str.translate, regular expressions, bisect) find the breaks of a long string without a Python step
# per character: a paragraph of 100,000 inline elements is a 2.5-million-character msgid. Characters
# whose class needs the state machine above (CM, ZWJ, ZW, BK/CR/LF/NL, anything unresolved) send the
# whole text to the reference loop; SP (U+0020 only) is the one non-table class handled here.
_FALLBACK = len(_CLASSES)  # pseudo class index of those characters


def _code(index: int, width: int) -> str:
    return chr(0x21 + 3 * index + width)  # " " is SP; all codes stay ASCII, which keeps translate fast


def _charset(classes: Iterable[str]) -> str:
    return "[" + "".join(f"\\x{ord(_code(_INDEX[c], w)):02x}" for c in classes for w in range(3)) + "]"


def _fast_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Three regexes over the codes: direct breaks found from the character after, direct breaks found
    from the character before, and breaks after a run of spaces."""
    after_first: dict[tuple[str, ...], list[str]] = {}  # after-classes -> the before-classes of that row
    before_first: dict[tuple[str, ...], list[str]] = {}
    spaced: dict[tuple[str, ...], list[str]] = {}
    for before in _CLASSES:
        row = _TABLE[_INDEX[before]]
        direct = tuple(after for after in _CLASSES if row[_INDEX[after]] == "D")
        allowed = tuple(after for after in _CLASSES if row[_INDEX[after]] != "P")
        # A search skips quickly only over characters that cannot start a match, so letters and digits,
        # most of any text, must start none: rows with no direct break before AL or NU are found from
        # the (rare) character after, the others (punctuation, CJK) from their own character.
        if direct:
            side = after_first if not {"AL", "NU"} & set(direct) else before_first
            side.setdefault(direct, []).append(before)
        if allowed:
            spaced.setdefault(allowed, []).append(before)

    def union(groups: Iterable[Iterable[str]]) -> str:
        return _charset(sorted({c for group in groups for c in group}, key=_INDEX.__getitem__))

    def regex(first: str, alternatives: Iterable[str]) -> re.Pattern[str]:
        # One character set (or the literal space) first lets the search skip what cannot match.
        return re.compile(first + "(?:" + "|".join(alternatives) + ")")

    return (
        # break at the match's start: the character after, then a look back at the pair
        regex(union(after_first), (f"(?<={_charset(b)}{_charset(a)})" for a, b in after_first.items())),
        # break at the match's end: the character before, then looks at its class and the next one
        regex(union(before_first.values()), (f"(?<={_charset(b)})(?={_charset(a)})" for a, b in before_first.items())),
        # break at the match's end, after the spaces
        regex(" ", (f"(?<={_charset(b)} ) *+(?={_charset(a)})" for a, b in spaced.items())),
    )


_DIRECT_AFTER, _DIRECT_BEFORE, _SPACED = _fast_patterns()
_REFERENCE_CODES = [_code(_FALLBACK, w) for w in range(3)]
_WIDTHS = bytes.maketrans(  # code -> its width, as a byte
    bytes(ord(_code(i, w)) for i in range(_FALLBACK + 1) for w in range(3)) + b" ",
    bytes(w for _ in range(_FALLBACK + 1) for w in range(3)) + b"\x01",
)
_CODES: dict[int, str] = {}  # ord(character) -> code, filled as characters are first seen
_ASCII_RUNS = re.compile("[\x00-\x7f]+")


def _learn(chars: Iterable[str]) -> None:
    for char in chars:
        cls = _class(char)
        index = _INDEX.get(cls, _FALLBACK)
        _CODES[ord(char)] = " " if cls == "SP" else _code(index, char_width(char))


_learn(map(chr, range(0x80)))  # every ASCII character has a code, so a non-ASCII result is an unknown one


@lru_cache(maxsize=1)
def _learn_latin() -> None:
    """Latin letters and general punctuation (news text and pseudo-translations) learned up front: a
    long string's unknown characters cost a second pass of ``str.translate``."""
    _learn(map(chr, [*range(0x80, 0x250), *range(0x2000, 0x20D0)]))


def _codes(text: str) -> str:
    if not text.isascii():
        _learn_latin()
    codes = text.translate(_CODES)
    if not codes.isascii():  # characters not seen before are left as they are: learn their blocks
        blocks = {ord(char) >> 7 for char in _ASCII_RUNS.sub("", codes)}
        _learn(chr(code) for block in blocks for code in range(block << 7, (block + 1) << 7))
        codes = text.translate(_CODES)
    return codes


class Breaks(NamedTuple):
    """Where a text may and must break (sorted positions: before ``text[i]``) and its column widths."""

    possible: list[int]
    mandatory: list[int]
    columns: list[int] | None  # columns[i]: width of text[:i]; None when every character is one column
    length: int


def line_breaks(text: str) -> Breaks:
    """The break opportunities of ``text``, as :func:`_possible_breaks_reference` finds them."""
    codes = _codes(text)
    widths = codes.encode("ascii").translate(_WIDTHS)
    columns = list(accumulate(widths, initial=0)) if b"\x00" in widths or b"\x02" in widths else None
    if any(code in codes for code in _REFERENCE_CODES):
        kinds = _possible_breaks_reference(text)
        possible = [i for i, kind in enumerate(kinds) if kind == POSSIBLE]
        mandatory = [i for i, kind in enumerate(kinds) if kind == MANDATORY]
        return Breaks(possible, mandatory, columns, len(text))
    # Only table classes and spaces: a break before a non-space character is allowed by the pair
    # table ("D"), or after spaces unless prohibited ("I" or "D"); never before the first one.
    possible = list(map(re.Match.start, _DIRECT_AFTER.finditer(codes)))
    possible += map(re.Match.end, _DIRECT_BEFORE.finditer(codes))
    possible += map(re.Match.end, _SPACED.finditer(codes))
    possible.sort()  # three sorted runs of disjoint positions
    return Breaks(possible, [], columns, len(text))


def fill(breaks: Breaks, width: int, start_column: int, prohibited: Collection[int] = ()) -> list[int]:
    """Greedy filling like ``u8_width_linebreaks`` (and :func:`_width_breaks_reference`): the positions
    where a line ends, given the first line's start column; ``prohibited`` positions (inside escape
    sequences) are no break opportunities."""
    possible, mandatory = breaks.possible, breaks.mandatory
    if prohibited:
        banned = set(prohibited)
        possible = [i for i in possible if i not in banned]
        mandatory = [i for i in mandatory if i not in banned]
    columns = breaks.columns
    end = breaks.length if columns is None else columns[-1]
    if mandatory:
        return _fill_events(possible, mandatory, columns, end, width, start_column)
    # At each opportunity the reference checks whether the text since the line's start overflows; if
    # so, the line ends at the previous opportunity. With the columns of the opportunities sorted, the
    # next overflowing one is a bisection away: one Python step per line, not per character.
    at = possible if columns is None else [columns[i] for i in possible]
    cuts: list[int] = []
    limit = width - start_column  # a column value beyond this overflows the current line
    lo, count = 0, len(at)
    while lo < count:
        k = bisect_right(at, limit, lo)
        if k == count:
            break
        if k == 0:  # no earlier opportunity to end the first line at
            lo = 1
            continue
        cuts.append(possible[k - 1])
        limit = width + at[k - 1]
        lo = k + 1
    if count and end > limit:  # the text's end overflows: the last line ends at the last opportunity
        cuts.append(possible[-1])
    return cuts


def _fill_events(
    possible: list[int], mandatory: list[int], columns: list[int] | None, end: int, width: int, start_column: int
) -> list[int]:
    """:func:`fill` with mandatory breaks (rare: U+2028, NEL): the reference loop, one step per opportunity."""
    events = sorted([(i, POSSIBLE) for i in possible] + [(i, MANDATORY) for i in mandatory])
    cuts: list[int] = []
    limit = width - start_column
    last, last_at = -1, 0
    for i, kind in events:
        at = i if columns is None else columns[i]
        if last >= 0 and at > limit:
            cuts.append(last)
            limit = width + last_at
        if kind == MANDATORY:  # the next line starts after it, at column 0
            last = -1
            limit = width + (i + 1 if columns is None else columns[i + 1])
            continue
        last, last_at = i, at
    if last >= 0 and end > limit:
        cuts.append(last)
    return cuts
