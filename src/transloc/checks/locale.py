"""Numbers, dates, times, URLs and e-mail addresses of the msgid must survive translation.

A value counts as present when the msgstr writes it in any valid form: German (``1.234,5``,
``24.11.2026``, ``10.30 Uhr``) or the target's (``1,234.5``, ``November 24, 2026``, ``10:30 AM``),
in any order. The check compares values, not strings, so it holds whether localisation ran or not
(``--no-localise``) and whatever CLDR pattern a reviewer chose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import polib

from ..errors import TranslocError
from ..localise.entities import MONTHS, Entity, find_entities
from .base import CheckContext, Diagnostic, diag

_TOKEN = re.compile(r"(?<!\d)\d+(?:[.,\u202f\u00a0\u2009’']\d+)*")
_RUN = re.compile(r"\d+")
_CONVENTIONS = [(g, d) for g in (".", ",", "\u202f", "\u00a0", "\u2009", "’", "'", "") for d in (",", ".") if g != d]
_TIME = re.compile(
    r"(?<![\d.,:])(\d{1,2})(?:\s?[:.h]\s?(\d{2}))?(?!\d)[\s\u00a0\u202f]*"
    r"(a\.\s?m\.|p\.\s?m\.|am\b|pm\b|uhr\b|h\b|o['’]clock)?",
    re.IGNORECASE,
)
_LABELS = {"number": "number", "percent": "percentage", "amount": "amount", "date": "date", "time": "time"}
_WORDS = {  # small numbers a translation may spell out ("3 Menschen" → "three people")
    "en": "zero one two three four five six seven eight nine ten eleven twelve",
    "fr": "zéro un deux trois quatre cinq six sept huit neuf dix onze douze",
    "de": "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf",
}
_ENGLISH_MONTHS = "january february march april may june july august september october november december".split()
_URL = re.compile(r"https?://[^\s<>\"“”„«»]+|www\.[^\s<>\"“”„«»]+|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")


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


def missing(msgid: str, msgstr: str, language: str) -> list[Entity]:
    """Entities of the German ``msgid`` that ``msgstr`` does not write in any valid form."""
    values = number_values(msgstr)
    ints = {int(m.group(0)) for m in _RUN.finditer(msgstr)}  # date parts may sit in 24.11.2026 or 11/24/2026
    words = _words(msgstr)
    times = clock_times(msgstr)
    out: list[Entity] = []
    for entity in find_entities(msgid):
        if entity.kind == "ordinal":
            continue
        if entity.kind == "date":
            ok = _date_present(entity, ints, words, language)
        elif entity.kind == "time":
            assert entity.time is not None
            ok = entity.time in times and (entity.first_time is None or entity.first_time in times)
        else:
            ok = _number_present(entity, values, words, language)
        if not ok:
            out.append(entity)
    return out


def _language(ctx: CheckContext) -> str:
    from ..localise.locales import parse_locale

    try:
        return parse_locale(ctx.language).resolved
    except TranslocError:
        return ctx.language


def _translations(entry: polib.POEntry) -> list[str]:
    if entry.obsolete:
        return []
    texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
    return [t for t in texts if t]


class NumbersChecker:
    """Every number, amount, percentage, date and time of the msgid is in the msgstr."""

    name = "numbers"

    def check_entry(self, entry: polib.POEntry, ctx: CheckContext) -> Iterator[Diagnostic]:
        language = _language(ctx)
        for text in _translations(entry):
            for entity in missing(entry.msgid, text, language):
                label = _LABELS.get(entity.kind, entity.kind)
                message = f"{label} {entity.text} of the source is missing or changed in the translation"
                yield diag(ctx, entry, "error", self.name, message)


class UrlsChecker:
    """URLs and e-mail addresses are copied verbatim: a translated link is a broken link."""

    name = "urls"

    def check_entry(self, entry: polib.POEntry, ctx: CheckContext) -> Iterator[Diagnostic]:
        wanted = [m.group(0).rstrip(".,;:!?)]}'’") for m in _URL.finditer(entry.msgid)]
        for text in _translations(entry):
            for url in wanted:
                if url not in text:
                    kind = "e-mail address" if "@" in url and "://" not in url else "URL"
                    message = f"{kind} {url} of the source is missing or changed in the translation"
                    yield diag(ctx, entry, "error", self.name, message)


numbers = NumbersChecker()
urls = UrlsChecker()
CHECKERS = [numbers, urls]
