"""Entities rendered with the target locale's CLDR patterns (Babel).

Everything locale-specific comes from CLDR so that ``en-US``, ``en-GB``, ``fr`` and ``de-CH``
differ only by data: digits and separators, currency and percent patterns, month names, date
and time patterns. Where a rendering would only restate the source (``12``, a year), there is
nothing to convert and :func:`render` returns ``None``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import TYPE_CHECKING

from .entities import Entity
from .locales import TargetLocale

if TYPE_CHECKING:
    from babel import Locale

NBSP = "\u00a0"


def _number_pattern(loc: Locale, decimals: int) -> str:
    """The locale's decimal pattern with exactly ``decimals`` fraction digits (keep what the source wrote)."""
    base = str(loc.decimal_formats[None].pattern).split(";")[0].split(".")[0]
    return base + ("." + "0" * decimals if decimals else "")


def format_number(value: Decimal, decimals: int, loc: Locale) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, format=_number_pattern(loc, decimals), locale=loc)


def _affixes(pattern: str) -> tuple[str, str]:
    from babel.numbers import parse_pattern

    parsed = parse_pattern(pattern.split(";")[0])
    return parsed.prefix[0], parsed.suffix[0]


def _currency_symbol(code: str, loc: Locale) -> str:
    from babel.numbers import get_currency_symbol

    return get_currency_symbol(code, loc)


def _join_currency(prefix: str, number: str, suffix: str, symbol: str) -> str:
    """Fill a currency pattern's affixes; CLDR currencySpacing puts a no-break space between letters and digits."""
    before = prefix.replace("¤", symbol)
    after = suffix.replace("¤", symbol)
    if before and before[-1].isalpha():
        before += NBSP
    if after and after[0].isalpha():
        after = NBSP + after
    return before + number + after


def render_number(entity: Entity, loc: Locale) -> str:
    assert entity.value is not None
    if entity.scale == 1:
        return format_number(entity.value, entity.decimals, loc)
    from babel.numbers import format_compact_decimal

    full = entity.value * entity.scale
    try:
        return format_compact_decimal(full, format_type="long", fraction_digits=entity.decimals, locale=loc)
    except Exception:  # a locale without long compact forms: write the number out
        return format_number(full, 0, loc)


def render_amount(entity: Entity, loc: Locale) -> str:
    assert entity.value is not None and entity.currency is not None
    prefix, suffix = _affixes(loc.currency_formats["standard"].pattern)
    symbol = _currency_symbol(entity.currency, loc)
    if entity.scale == 1:
        return _join_currency(prefix, format_number(entity.value, entity.decimals, loc), suffix, symbol)
    if "¤" in prefix:  # "€3.5 million": symbol first, then the CLDR long scale word
        return _join_currency(prefix, render_number(entity, loc), suffix, symbol)
    from babel.numbers import format_compact_currency

    # Symbol after the number (fr, de-CH): CLDR's short compact currency form, "3,5 M €".
    return format_compact_currency(
        entity.value * entity.scale, entity.currency, fraction_digits=entity.decimals, locale=loc
    )


def render_percent(entity: Entity, loc: Locale) -> str:
    assert entity.value is not None
    prefix, suffix = _affixes(loc.percent_formats[None].pattern)
    return prefix + format_number(entity.value, entity.decimals, loc) + suffix


def _full_months(pattern: str) -> str:
    return re.sub(r"(?<!M)MMM(?!M)", "MMMM", pattern)


def render_date(entity: Entity, loc: Locale) -> str:
    from babel.dates import format_date, format_skeleton

    assert entity.date is not None
    year, month, day = entity.date
    date = dt.date(year or 2024, month, day)  # 2024: a leap year, so 29 February exists
    if entity.first_day is not None:
        first = date.replace(day=entity.first_day)
        skeleton = "yMMMd" if year else "MMMd"
        try:
            left, right = loc.interval_formats[skeleton]["d"]
        except (KeyError, TypeError, ValueError):
            return render_date(Entity("date", 0, 0, "", date=entity.date), loc)
        return format_date(first, _full_months(left), locale=loc) + format_date(date, _full_months(right), locale=loc)
    if year is None:
        return format_skeleton("MMMMd", date, locale=loc)
    return format_date(date, "long", locale=loc)


def render_time(entity: Entity, loc: Locale) -> str:
    from babel.dates import format_time

    assert entity.time is not None
    text = format_time(dt.time(*entity.time), "short", locale=loc)
    if entity.first_time is not None:
        text = format_time(dt.time(*entity.first_time), "short", locale=loc) + "–" + text
    return text


def target_form(entity: Entity, target: TargetLocale) -> str | None:
    """The entity as the target locale writes it (even when that equals the source), or None when it is
    left to the engine: ambiguous spans, ordinals and plain integers without grouping (``12``, ``2026``,
    ``10115`` read the same everywhere, and grouping them would turn years, postcodes and IDs into ``2,026``).
    """
    if entity.ambiguous or entity.kind == "ordinal":
        return None
    loc = target.babel
    if entity.kind == "number":
        if entity.scale == 1 and not entity.grouped and entity.decimals == 0:
            return None
        return render_number(entity, loc)
    if entity.kind == "amount":
        return render_amount(entity, loc)
    if entity.kind == "percent":
        return render_percent(entity, loc)
    if entity.kind == "date":
        return render_date(entity, loc)
    if entity.kind == "time":
        return render_time(entity, loc)
    return None


def converted_form(entity: Entity, target: TargetLocale) -> str | None:
    """The target form when it differs from the source's (something to convert), else None."""
    text = target_form(entity, target)
    return None if text == entity.text else text
