"""Is a source value still in a translation? Values, not strings, so any valid form counts.

A value counts as present when the text writes it in any valid form: German (``1.234,5``,
``24.11.2026``, ``10.30 Uhr``) or the target's (``1,234.5``, ``November 24, 2026``, ``10:30 AM``),
in any order. Used by ``transloc check`` and by the hook to spot a value an engine rewrote itself.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .entities import MONTHS, Entity, find_entities

_TOKEN = re.compile(r"(?<!\d)\d+(?:[.,\u202f\u00a0\u2009’']\d+)*")
_RUN = re.compile(r"\d+")
_CONVENTIONS = [(g, d) for g in (".", ",", "\u202f", "\u00a0", "\u2009", "’", "'", "") for d in (",", ".") if g != d]
_TIME = re.compile(
    r"(?<![\d.,:])(\d{1,2})(?:\s?[:.h]\s?(\d{2}))?(?!\d)[\s\u00a0\u202f]*"
    r"(a\.\s?m\.|p\.\s?m\.|am\b|pm\b|uhr\b|h\b|o['’]clock)?",
    re.IGNORECASE,
)
_WORDS = {  # small numbers a translation may spell out ("3 Menschen" → "three people")
    "en": "zero one two three four five six seven eight nine ten eleven twelve",
    "fr": "zéro un deux trois quatre cinq six sept huit neuf dix onze douze",
    "de": "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf",
}
_NOON = frozenset({"noon", "midday", "midi", "mittag", "mittags"})
_MIDNIGHT = frozenset({"midnight", "minuit", "mitternacht"})
_ENGLISH_MONTHS = "january february march april may june july august september october november december".split()


def _parse(token: str, group: str, decimal: str) -> Decimal | None:
    whole, sep, frac = token.partition(decimal)
    if decimal in frac or (sep and not frac):
        return None
    parts = whole.split(group) if group else [whole]
    if not parts[0] or len(parts[0]) > (3 if len(parts) > 1 else 99) or any(len(p) != 3 for p in parts[1:]):
        return None
    if not all(p.isdigit() for p in parts) or (frac and not frac.isdigit()):
        return None
    try:
        return Decimal("".join(parts) + ("." + frac if frac else ""))
    except InvalidOperation:
        return None


def number_values(text: str) -> set[Decimal]:
    """Every value a number written in ``text`` can mean, under German, English, French or Swiss conventions."""
    values: set[Decimal] = set()
    for m in _TOKEN.finditer(text):
        for group, decimal in _CONVENTIONS:
            value = _parse(m.group(0), group, decimal)
            if value is not None:
                values.add(value)
    return values


def clock_times(text: str) -> set[tuple[int, int]]:
    """(hour, minute) of every clock time written in ``text`` (``10:30``, ``10.30 Uhr``, ``10 p.m.``, ``10 h 30``)."""
    out: set[tuple[int, int]] = set()
    for m in _TIME.finditer(text):
        hour, minute, suffix = int(m.group(1)), m.group(2), (m.group(3) or "").lower().replace(" ", "")
        if minute is None and not suffix:
            continue
        if suffix.startswith("p") and hour < 12:
            hour += 12
        elif suffix.startswith("a") and hour == 12:
            hour = 0
        out.add((hour, int(minute or 0)))
    return out


@lru_cache(maxsize=32)
def month_names(language: str) -> dict[int, frozenset[str]]:
    """Month → names a translation may use: the target's CLDR names (wide, abbreviated), German and English."""
    names: dict[int, set[str]] = {m: {_ENGLISH_MONTHS[m - 1]} for m in range(1, 13)}
    for name, month in MONTHS.items():
        names[month].add(name)
    try:
        from babel import Locale

        loc = Locale.parse(language, sep="-")
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for month, name in loc.months[context][width].items():
                    names[month].add(name.lower().rstrip("."))
    except Exception:  # an unknown locale still gets German and English names
        pass
    return {m: frozenset(v) for m, v in names.items()}


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text)}


def _number_present(entity: Entity, values: set[Decimal], words: set[str], language: str) -> bool:
    assert entity.value is not None
    wanted = {entity.value}
    if entity.ambiguous:  # "2.000": thousands or decimal point, either reading will do
        wanted.add(entity.value / 1000)
    full = entity.value * entity.scale
    wanted.update(full / (1000**k) for k in range(5))
    if wanted & values:
        return True
    spelled = _WORDS.get(language.split("-")[0], "").split()
    return (
        entity.scale == 1 and entity.value == int(entity.value) < len(spelled) and spelled[int(entity.value)] in words
    )


def _date_present(entity: Entity, ints: set[int], words: set[str], language: str) -> bool:
    assert entity.date is not None
    year, month, day = entity.date
    if day not in ints or (entity.first_day is not None and entity.first_day not in ints):
        return False
    if year is not None and year not in ints and year % 100 not in ints:
        return False
    names = month_names(language)[month]
    return month in ints or bool(names & words) or any(" " in n and n in " ".join(words) for n in names)


class Written:
    """What a translation writes: number values, digit runs, words and clock times, parsed once."""

    def __init__(self, text: str, language: str) -> None:
        self.language = language
        self.values = number_values(text)
        self.ints = {int(m.group(0)) for m in _RUN.finditer(text)}  # date parts in 24.11.2026 or 11/24/2026
        self.words = _words(text)
        self.times = clock_times(text)
        if self.words & _NOON:
            self.times.add((12, 0))
        if self.words & _MIDNIGHT:
            self.times.add((0, 0))

    def has(self, entity: Entity) -> bool:
        """Whether the entity's value is written in any valid form (ordinals always pass: MT may spell them)."""
        if entity.kind == "ordinal":
            return True
        if entity.kind == "date":
            return _date_present(entity, self.ints, self.words, self.language)
        if entity.kind == "time":
            assert entity.time is not None
            return entity.time in self.times and (entity.first_time is None or entity.first_time in self.times)
        return _number_present(entity, self.values, self.words, self.language)


def missing(msgid: str, msgstr: str, language: str) -> list[Entity]:
    """Entities of the German ``msgid`` that ``msgstr`` does not write in any valid form."""
    written = Written(msgstr, language)
    return [entity for entity in find_entities(msgid) if not written.has(entity)]
