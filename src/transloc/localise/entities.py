"""Numbers, amounts, percentages, dates and times as written in German source text.

Entities are read from the German msgid, never guessed from MT output: the source says
unambiguously what ``3,5 Mio. Euro`` or ``24.11.`` means, the output may not. Only forms a German
reader cannot misread are converted; a bare ``1.234`` (thousands or decimal?) is kept and flagged,
and digits inside words, codes and URLs (``B52``, ``COVID-19``, ``/fka/news.de/dpa``) are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from calendar import monthrange
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..placeholders import TOKEN

MONTHS: dict[str, int] = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feber": 2, "feb": 2, "febr": 2,
    "märz": 3, "mär": 3, "mrz": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6,
    "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "dezember": 12, "dez": 12,
}  # fmt: skip
_FULL_MONTHS = [m for m in MONTHS if len(m) > 4 or m in ("märz", "mai", "juni", "juli")]
_ABBR_MONTHS = [m for m in MONTHS if m not in _FULL_MONTHS]

SCALES: dict[str, int] = {
    "tsd.": 10**3, "mio.": 10**6, "million": 10**6, "millionen": 10**6,
    "mrd.": 10**9, "milliarde": 10**9, "milliarden": 10**9,
    "bio.": 10**12, "billion": 10**12, "billionen": 10**12,
}  # fmt: skip

CURRENCIES: dict[str, str] = {
    "euro": "EUR", "€": "EUR", "eur": "EUR",
    "us-dollar": "USD", "dollar": "USD", "$": "USD", "us$": "USD", "usd": "USD",
    "schweizer franken": "CHF", "franken": "CHF", "chf": "CHF",
    "pfund sterling": "GBP", "britische pfund": "GBP", "£": "GBP", "gbp": "GBP",
    "yen": "JPY", "¥": "JPY", "jpy": "JPY", "yuan": "CNY", "renminbi": "CNY", "cny": "CNY",
    "rubel": "RUB", "rub": "RUB",
}  # fmt: skip


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_SP = r"[ \u00a0\u202f]"
# German number: dot-grouped thousands and/or decimal comma, or plain digits.
# "5.000,–" is German for 5000 with no cents; "500 000" (spaces) may be one number or two.
_FRAC = r"(?:,\d+|,[–-](?![\w\d]))?"
_NUM = rf"\d{{1,3}}(?:\.\d{{3}})+{_FRAC}|\d{{1,3}}(?:[ \u00a0\u202f\u2009]\d{{3}})+(?!\d){_FRAC}|\d+{_FRAC}"
# Not glued to a word, code, path or another number (COVID-19, B52, 1.2.3, 10:30, /dpa).
_LB = r"(?<![\w/.,:@#+\-−])(?<!\w[\-−])"
_LB_SIGNED = r"(?<![\w/.,:@#+])(?<!\w[\-−])"
_RB = r"(?![\w@/])(?![.,:]\d)"
_MONTH = rf"(?i:(?P<mon>{_alt(_FULL_MONTHS)})|(?P<abbr>{_alt(_ABBR_MONTHS)})\.)"
_SCALE_ABBR = _alt([s for s in SCALES if s.endswith(".")])
_SCALE = rf"(?i:{_SCALE_ABBR}|(?:{_alt([s for s in SCALES if not s.endswith('.')])})(?!\w))"
_CUR_AFTER = rf"(?i:{_alt([c for c in CURRENCIES if c[0].isalpha()])})(?![\w\-])|[€$£¥]"
_CUR_BEFORE = r"US\$|[€$£¥]|(?:EUR|USD|CHF|GBP|JPY)(?=[ \u00a0]?\d)"
_DASH = rf"{_SP}?(?:[–—\-]|bis){_SP}?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "date",
        re.compile(
            rf"{_LB}(?:(?P<d0>\d{{1,2}})\.{_DASH})?(?P<d>\d{{1,2}})\.{_SP}?{_MONTH}(?:{_SP}(?P<y>\d{{4}}))?(?![\w])"
        ),
    ),
    (
        "date",
        re.compile(
            rf"(?<![\w.,:/])(?:(?P<d0>\d{{1,2}})\.{_DASH})?(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?P<y>\d{{4}}|\d{{2}})?(?![\w])"
        ),
    ),
    (
        "time",
        re.compile(
            rf"{_LB}(?:(?P<h0>\d{{1,2}})(?:[.:](?P<min0>\d{{2}}))?{_DASH})?"
            rf"(?P<h>\d{{1,2}})(?:[.:](?P<min>\d{{2}}))?{_SP}?Uhr(?!\w)"
        ),
    ),
    ("amount", re.compile(rf"(?P<cur>{_CUR_BEFORE}){_SP}?(?P<num>{_NUM}){_RB}(?:{_SP}(?P<scale>{_SCALE}))?")),
    (
        "amount",
        re.compile(rf"{_LB_SIGNED}(?P<num>{_NUM}){_RB}{_SP}?(?:(?P<scale>{_SCALE}){_SP}?)?(?P<cur>{_CUR_AFTER})"),
    ),
    ("percent", re.compile(rf"{_LB_SIGNED}(?P<num>{_NUM}){_RB}{_SP}?%")),
    ("number", re.compile(rf"{_LB_SIGNED}(?P<num>{_NUM}){_RB}{_SP}(?P<scale>{_SCALE})")),
    ("number", re.compile(rf"{_LB_SIGNED}(?P<num>{_NUM}){_RB}")),
]
_LABELS = {"percent": "percentage"}
_DIGIT = re.compile(r"\d")
"""What every pattern above matches at least once (``\\d``, as they write it)."""
_PRIORITY = {"date": 0, "time": 1, "amount": 2, "percent": 3, "number": 4}
# Spans that are never searched: placeholders, URLs, e-mail addresses, domain-like words.
_OPAQUE = re.compile(TOKEN.pattern + r"|https?://\S+|www\.\S+|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+|\S*\w/\S*")


@dataclass(frozen=True)
class Entity:
    """One convention-bearing span of the German source."""

    kind: str
    """``number``, ``percent``, ``amount``, ``date``, ``time`` or ``ordinal`` (kept as is)."""
    start: int
    end: int
    text: str
    value: Decimal | None = None
    """The written number (mantissa for ``3,5 Mio.``)."""
    decimals: int = 0
    scale: int = 1
    currency: str | None = None
    grouped: bool = False
    """Written with German thousands dots (``1.234.567``)."""
    date: tuple[int | None, int, int] | None = None
    """(year or None, month, day)."""
    first_day: int | None = None
    """Start day of a range such as ``24.–26. November``."""
    time: tuple[int, int] | None = None
    first_time: tuple[int, int] | None = None
    ambiguous: str | None = None
    """Why the span is not converted automatically (shown to the reviewer)."""

    @property
    def label(self) -> str:
        """What a reviewer calls the kind (``percentage`` for ``percent``), for notes and diagnostics."""
        return _LABELS.get(self.kind, self.kind)


def parse_german_number(text: str) -> tuple[Decimal, int]:
    """``1.234,50`` → (Decimal('1234.50'), 2); ``5.000,–`` → (Decimal('5000'), 0)."""
    whole, _, frac = text.partition(",")
    frac = frac if frac.isdigit() else ""
    whole = re.sub(r"[.\s\u00a0\u202f\u2009]", "", whole)
    return Decimal(whole + ("." + frac if frac else "")), len(frac)


def _valid_date(year: int | None, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= monthrange(year or 2024, month)[1]


def _build(kind: str, m: re.Match[str], text: str) -> Entity | None:
    start, end = m.span()
    g = m.groupdict()
    surface = text[start:end]
    if kind == "date":
        month = int(g["m"]) if g.get("m") else MONTHS[(g.get("mon") or g.get("abbr") or "").lower()]
        day = int(g["d"])
        year = int(g["y"]) if g.get("y") else None
        if year is not None and year < 100:
            year += 2000 if year < 70 else 1900
        first = int(g["d0"]) if g.get("d0") else None
        if not _valid_date(year, month, day) or (first is not None and not 1 <= first < day):
            return None
        return Entity("date", start, end, surface, date=(year, month, day), first_day=first)
    if kind == "time":
        hour, minute = int(g["h"]), int(g["min"] or 0)
        if hour > 23 or minute > 59:
            return None
        first_time = None
        if g.get("h0"):
            first_time = (int(g["h0"]), int(g["min0"] or 0))
            if first_time[0] > 23 or first_time[1] > 59:
                return None
        return Entity("time", start, end, surface, time=(hour, minute), first_time=first_time)
    num = g["num"]
    value, decimals = parse_german_number(num)
    grouped = "." in num
    scale = SCALES[g["scale"].lower()] if g.get("scale") else 1
    currency = None
    if g.get("cur"):
        currency = CURRENCIES[g["cur"].lower()]
    if len(num) > 1 and num[0] == "0" and num[1].isdigit():
        return None  # "030", "000": a code or the tail of a space-grouped number, not a quantity
    grouped = grouped or bool(re.search(r"\d[\u00a0\u202f\u2009]\d", num))
    ambiguous = None
    if " " in num:
        ambiguous = f"{num} may be one number ({num.replace(' ', '')}) or two"
    elif grouped and decimals == 0 and num.count(".") == 1 and not num.endswith(("–", "-")):
        ambiguous = f"{num} may mean {num.replace('.', '')} (German thousands) or {num} (decimal point)"
    if kind == "number" and scale == 1 and not grouped and decimals == 0:
        follow = text[end : end + 3]
        if re.match(r"\.\s*\w", follow) and len(num) <= 3:
            kind = "ordinal"  # "2. Weltkrieg", "19. Jahrhundert": the MT's job, not a number
    return Entity(kind, start, end, surface, value, decimals, scale, currency, grouped, ambiguous=ambiguous)


def find_entities(text: str) -> list[Entity]:
    """All entities of German ``text`` in order, non-overlapping (longest, most specific wins)."""
    return list(_entities(text))


@lru_cache(maxsize=64)
def _entities(text: str) -> tuple[Entity, ...]:
    """:func:`find_entities`, cached: the localise hook reads each source before MT and again after."""
    if not _DIGIT.search(TOKEN.sub("", text)):
        # Every pattern needs a digit outside the opaque spans, and those cover every placeholder (a URL or
        # path that reaches a placeholder runs on to the next space): no digit but in placeholders, no
        # entity. 8 patterns over the text of 100,000 placeholders took 3 s to find nothing.
        return ()
    # Opaque spans come sorted and disjoint, so their ends are sorted too: one bisection per match
    # (a scan per match was quadratic: 100,000 placeholders took minutes).
    # The patterns then run over a copy with those spans blanked out: the digits of 100,000
    # placeholders would otherwise each start a match that is built only to be thrown away.
    opaque_starts: list[int] = []
    opaque_ends: list[int] = []
    masked: list[str] = []
    for m in _OPAQUE.finditer(text):
        masked.append(text[opaque_ends[-1] if opaque_ends else 0 : m.start()])
        masked.append("\x00" * (m.end() - m.start()))
        opaque_starts.append(m.start())
        opaque_ends.append(m.end())
    masked.append(text[opaque_ends[-1] if opaque_ends else 0 :])
    searched = "".join(masked)
    found: list[tuple[int, int, int, Entity]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(searched):
            s, e = m.span()
            first = bisect_right(opaque_ends, s)  # the first opaque span ending after s
            if first < len(opaque_starts) and opaque_starts[first] < e:
                continue
            entity = _build(kind, m, text)
            if entity is not None:
                found.append((s, -(e - s), _PRIORITY.get(kind, 9), entity))
    found.sort(key=lambda t: t[:3])
    out: list[Entity] = []
    taken_end = -1
    for s, _, _, entity in found:
        if s >= taken_end:
            out.append(entity)
            taken_end = entity.end
    return tuple(out)
