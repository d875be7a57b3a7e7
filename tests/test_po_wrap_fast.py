"""The fast line breaking of PO strings (regexes over class codes, bisection over opportunities) gives
exactly what the one-character-at-a-time reference gives, which test_po_layout.py checks against the
real msgcat and msgmerge. Strings are drawn from characters of every UAX #14 class the table knows,
those the reference handles with its state machine (combining marks, ZWJ, ZWSP, line separators),
wide and zero-width ones, and everything a PO string escapes.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transloc import po_wrap
from transloc.po_layout import _NO_WRAP, PAGE_WIDTH, _escape, _split_after_newlines, _wrap
from transloc.po_wrap import (
    MANDATORY,
    POSSIBLE,
    PROHIBITED,
    _possible_breaks_reference,
    _width_breaks_reference,
    fill,
    line_breaks,
)

# One or more characters of each class of the pair table, and spaces (the fast path's own alphabet).
TABLE_CHARS = [
    *"aZq09", " ", "  ", *".,;:!?'\"()[]{}<>/-%$€&*+=#@_~^`|", "\u00a0", "\u00ad", "–", "—", "…", "´", "«»„“”‚‘",
    "日", "本", "語", "、", "。", "々", "ー", "（", "）", "\u3000", "😀", "👍", "🏻", "🇩", "🇪",
    "가", "각", "ᄀ", "ᅡ", "ᆨ",
    "\u1160", "\u2060", "\ufeff", "א", "ש", "ก", "ا", "½", "°", "·", "•", "™", "Wort", "<1>", "</1>", "3,5", "E-Mail",
]  # fmt: skip
# What the reference's state machine handles: combining marks, ZWJ, ZWSP, mandatory breaks, controls.
SPECIAL_CHARS = ["\u0301", "e\u0301", " \u0301", "\u200d", "\u200b", "\u2028", "\u2029", "\u0085", "\x01", "\x7f"]
# What a PO string escapes.
ESCAPED_CHARS = ["\t", "\n", "\\", '"', "\r", "\a", "\b", "\f", "\v", "\\n", '\\"']

table = st.sampled_from(TABLE_CHARS)
fast_text = st.lists(table, max_size=60).map("".join)
any_text = st.lists(st.one_of(table, st.sampled_from(SPECIAL_CHARS + ESCAPED_CHARS)), max_size=60).map("".join)
# PO strings: escapes keep the fast path (they become ASCII), the special characters leave it
po_value = st.one_of(
    st.lists(st.one_of(table, table, st.sampled_from(ESCAPED_CHARS)), max_size=120).map("".join),
    st.lists(st.one_of(table, st.sampled_from(ESCAPED_CHARS + SPECIAL_CHARS)), max_size=120).map("".join),
)
widths = st.one_of(st.sampled_from([0, 1, 72, 73, 76]), st.integers(0, 40))
starts = st.one_of(st.sampled_from([0, 6, 9, 13]), st.integers(0, 90))

PROPERTY_SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def dense(breaks: po_wrap.Breaks) -> list[int]:
    kinds = [PROHIBITED] * breaks.length
    for i in breaks.possible:
        kinds[i] = POSSIBLE
    for i in breaks.mandatory:
        kinds[i] = MANDATORY
    return kinds


def reference_cuts(text: str, width: int, start: int, prohibited: list[int]) -> list[int]:
    overrides: list[int | None] = [None] * len(text)
    for i in prohibited:
        overrides[i] = PROHIBITED
    return [i for i, cut in enumerate(_width_breaks_reference(text, width, start, overrides)) if cut]


@PROPERTY_SETTINGS
@given(st.one_of(fast_text, any_text))
def test_break_opportunities_are_the_reference_ones(text: str) -> None:
    assert dense(line_breaks(text)) == _possible_breaks_reference(text)


@PROPERTY_SETTINGS
@given(st.one_of(fast_text, any_text), widths, starts, st.data())
def test_filled_lines_end_where_the_reference_ends_them(text: str, width: int, start: int, data: st.DataObject) -> None:
    prohibited = sorted(data.draw(st.sets(st.integers(0, max(len(text) - 1, 0)), max_size=4))) if text else []
    assert fill(line_breaks(text), width, start, prohibited) == reference_cuts(text, width, start, prohibited)


@PROPERTY_SETTINGS
@given(
    po_value,
    st.sampled_from(["", "#~ ", "#| ", "#~| "]),
    st.sampled_from(["msgid", "msgstr[1]", "msgctxt"]),
    st.integers(4, 40),  # narrow pages: many lines, and a first line that starts beyond the width
)
def test_po_strings_are_laid_out_as_by_the_reference(value: str, prefix: str, keyword: str, narrow: int) -> None:
    for page_width in (PAGE_WIDTH, _NO_WRAP, narrow):
        _wrap.cache_clear()
        assert _wrap(prefix, keyword, value, page_width) == reference_wrap(prefix, keyword, value, page_width)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "   leading and trailing   ",
        "Wort   Wort    (Klammer)     Ende " * 10,  # runs of spaces
        "x" * 200,
        "日本語のテキスト、長い文。" * 12,
        "Wort\u2028Wort " * 20,  # mandatory breaks inside a line
        "Café e\u0301 " * 30,  # combining mark: the reference path
        "a\u200bb " * 40,
        "😀 👍🏻 🇩🇪 " * 20,
        "Preis: 5€, €5, 12 %, (Klammer) „Zitat“ — Gedanke … Ende.\u00a0Schluss " * 5,
        'Er sagte: "Ja" \\ und\tdann\n' * 8,  # escapes: no break inside one, nor before a final \n
        "Zeile\n",
    ],
)
def test_examples_match_the_reference(text: str) -> None:
    escaped, prohibited = _escape(text)
    breaks = line_breaks(escaped)
    assert dense(breaks) == _possible_breaks_reference(escaped)
    for width in range(80):  # every width, so that each boundary case (a line exactly full) occurs
        for start in (0, 6, 9):
            assert fill(breaks, width, start, prohibited) == reference_cuts(escaped, width, start, prohibited)


def test_a_paragraph_of_inline_elements_matches_the_reference() -> None:
    """The issue-11 shape (placeholders, spaces, digits), long enough for many lines; pseudo-accented too."""
    value = "".join(f"Wort <{i}>fett</{i}> " for i in range(1, 2001)) + "Ende."
    accented = value.translate(str.maketrans("otfe", "öţƒé")) + " ·····]"
    for text in (value, accented, value.replace(" ", "  "), value.replace("fett", "日本")):
        _wrap.cache_clear()
        assert _wrap("", "msgid", text, PAGE_WIDTH) == reference_wrap("", "msgid", text, PAGE_WIDTH)


def test_the_fast_path_needs_no_reference_for_news_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the classes that need the state machine fall back to the per-character loop."""

    def fail(text: str) -> list[int]:
        raise AssertionError(f"reference path taken for {text!r}")

    monkeypatch.setattr(po_wrap, "_possible_breaks_reference", fail)
    text = "Die Bundesregierung „kündigte“ am Montag (3,5 %) an — 5€, E-Mail: a@b.de … 日本語 😀\u00a0Ende."
    assert line_breaks(text).possible
    with pytest.raises(AssertionError, match="reference path"):
        line_breaks("Cafe\u0301")


# The writer before the fast path, one character at a time: the reference for _wrap.
def reference_wrap(prefix: str, keyword: str, value: str, page_width: int) -> tuple[str, ...]:
    lines: list[str] = []
    portions = reference_split(value) if value else [""]
    first_line = True
    after_break = len(prefix) + 1
    width = page_width - 1 - after_break
    for index, portion in enumerate(portions):
        text, overrides = reference_escape(portion)
        more = index < len(portions) - 1
        start = len(prefix) + (len(keyword) + 1 if first_line else 0) + 1 - after_break
        breaks = _width_breaks_reference(text, width, start, overrides)
        if first_line and text and (more or start > width or any(breaks)):
            lines.append(f'{prefix}{keyword} ""')
            first_line = False
            breaks = _width_breaks_reference(text, width, 0, overrides)
        head = f"{prefix}{keyword} " if first_line else prefix
        first_line = False
        current = ""
        for char, cut in zip(text, breaks, strict=True):
            if cut:
                lines.append(f'{head}"{current}"')
                head, current = prefix, ""
            current += char
        lines.append(f'{head}"{current}"')
    return tuple(lines)


def reference_split(value: str) -> list[str]:
    portions, start = [], 0
    for i, char in enumerate(value):
        if char == "\n":
            portions.append(value[start : i + 1])
            start = i + 1
    if start < len(value):
        portions.append(value[start:])
    return portions


REFERENCE_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v", "\\": "\\", '"': '"'}


def reference_escape(portion: str) -> tuple[str, list[int | None]]:
    chars: list[str] = []
    overrides: list[int | None] = []
    for char in portion:
        if char in REFERENCE_ESCAPES:
            chars += ["\\", REFERENCE_ESCAPES[char]]
            overrides += [None, PROHIBITED]
        else:
            chars.append(char)
            overrides.append(None)
    if portion.endswith("\n"):
        overrides[len(chars) - 2] = PROHIBITED
    return "".join(chars), overrides


@given(po_value)
@settings(max_examples=200, deadline=None)
def test_split_and_escape_match_the_reference(value: str) -> None:
    assert _split_after_newlines(value) == reference_split(value)
    for portion in reference_split(value):
        text, prohibited = _escape(portion)
        ref_text, overrides = reference_escape(portion)
        assert text == ref_text
        assert sorted(prohibited) == [i for i, o in enumerate(overrides) if o == PROHIBITED]


def test_escape_sequences_are_not_broken() -> None:
    text, prohibited = _escape('"a"\t\\\n')
    assert text == '\\"a\\"\\t\\\\\\n'
    assert sorted(prohibited) == [1, 4, 6, 8, 9, 10]  # the second character of each, and before the final \n
