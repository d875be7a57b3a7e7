"""The text stages' fast paths (issue 11: one sentence with 100,000 inline elements) give exactly what the
straightforward code gave, kept in tests/reference.py: placeholder comparison and renumbering, plain-text
positions, the detectors' loop and balance checks, quotation marks, pseudo-translation, placeholder
reservation, entity finding, and the sentence splitter's shortcut past SoMaJo.
"""

from __future__ import annotations

import random
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reference
from transloc import placeholders
from transloc.errors import PlaceholderError
from transloc.localise.entities import find_entities
from transloc.localise.hook import _at_once, _restore_at_once
from transloc.localise.quotes import _visible
from transloc.mt.base import Draft
from transloc.mt.pseudo import PseudoEngine
from transloc.mt.tags import _Saved
from transloc.review import detectors
from transloc.review.detectors import _balance, _has_common_words, _loop, _same, plain, source_words
from transloc.segment import (
    _before_end_junk,
    _has_word,
    _one_sentence,
    _OpenStack,
    _Plain,
    _sentences,
    split_block,
)

PLACEHOLDERS = ["<1>", "</1>", "<2>", "</2>", "<3/>", "</3/>", "<12>", "</12>", "<01>", "</01>", "<١>", "<0>", "<101/>"]
WORDS = ["Wort", "fett", "und", "der", "Das", "ist", "gut", "Ende", "Putin's", "rock", "n", "Dr", "z", "B", "3", "12,5"]
MARKS = [
    " ", " ", "  ", "\n", "\t", "\u00a0", "\u202f", "\x1c", "\u2028", ".", "!", "?", "…", ",", ":", ";", "-", "–",
    '"', "„", "“", "”", "‚", "‘", "’", "'", "«", "»", "(", ")", "[", "]", "{", "}", "%", "€", "/", "@", "<", ">",
]  # fmt: skip

snippets = st.sampled_from(PLACEHOLDERS + WORDS + MARKS)
texts = st.lists(snippets, max_size=40).map("".join)
tagged = st.lists(st.sampled_from(PLACEHOLDERS + WORDS + [" ", ".", '"']), max_size=30).map("".join)
FAST = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _problem(text: str) -> str | None:
    try:
        placeholders.validate(text)
    except PlaceholderError as exc:
        return str(exc)
    return None


def _reference_problem(text: str) -> str | None:
    try:
        reference.validate(text)
    except PlaceholderError as exc:
        return str(exc)
    return None


def _shuffled(text: str, seed: int) -> str:
    """``text`` with its placeholders kept in order or moved about (what engines do)."""
    toks = placeholders._TOKEN_TEXT.findall(text)
    words = placeholders._TOKEN_TEXT.split(text)
    rng = random.Random(seed)
    if seed % 3 == 1:
        rng.shuffle(toks)
    elif seed % 3 == 2 and toks:
        toks.pop(rng.randrange(len(toks)))
    return "".join(w + (toks[i] if i < len(toks) else "") for i, w in enumerate(words))


@FAST
@given(tagged, tagged, st.integers(0, 30))
def test_compare_and_validate_as_reference(source: str, other: str, seed: int) -> None:
    translation = _shuffled(source, seed)
    assert placeholders.compare(source, translation) == reference.compare(source, translation)
    assert placeholders.compare(source, other) == reference.compare(source, other)
    assert placeholders.compare(source, source) == reference.compare(source, source)
    assert _problem(other) == _reference_problem(other)


nests = st.recursive(
    st.sampled_from(["", "a", "<9/>", "</9/>"]),
    lambda inner: st.tuples(st.integers(1, 12), inner, inner).map(lambda t: f"<{t[0]}>{t[1]}</{t[0]}>{t[2]}"),
    max_leaves=30,
)


@FAST
@given(st.one_of(nests, tagged), st.integers(1, 8))
def test_quick_nesting_check_as_reference(text: str, rounds: int) -> None:
    if placeholders._well_nested(text, rounds):
        assert _reference_problem(text) is None
    assert _problem(text) == _reference_problem(text)


def test_quick_nesting_check_gives_up_on_deep_nesting() -> None:
    deep = "".join(f"<{n}>" for n in range(1, 21)) + "".join(f"</{n}>" for n in range(20, 0, -1))
    assert not placeholders._well_nested(deep) and placeholders._well_nested(deep, rounds=20)
    assert _problem(deep) is None and _problem(deep + "</3>") == _reference_problem(deep + "</3>")


@FAST
@given(tagged, st.integers(0, 15))
def test_renumber_and_mapping_as_reference(text: str, start: int) -> None:
    assert placeholders.renumber(text, start) == reference.renumber(text, start)
    renumbered, mapping = placeholders.renumber(text, start)
    assert list(mapping.items()) == list(reference.renumber(text, start)[1].items())  # same order too
    assert placeholders.apply_mapping(renumbered, mapping) == reference.apply_mapping(renumbered, mapping)
    identity = {n: n for n in range(start, start + 5)}
    assert placeholders.apply_mapping(text, identity) == reference.apply_mapping(text, identity)
    assert placeholders.apply_mapping(text, {}) == reference.apply_mapping(text, {})


def test_renumber_keeps_an_already_numbered_text_as_it_is() -> None:
    text = "".join(f"Wort <{i}>fett</{i}> " for i in range(1, 2001)) + "<2001/>."
    got, mapping = placeholders.renumber(text)
    assert got is text and mapping == {n: n for n in range(1, 2002)}
    assert placeholders.apply_mapping(text, mapping) is text
    assert placeholders.renumber("<2>a</2><1/>") == ("<1>a</1><2/>", {1: 2, 2: 1})
    assert placeholders.apply_mapping("<01>a</01>", {1: 1}) == "<1>a</1>"


@FAST
@given(tagged)
def test_markup_and_has_tokens(text: str) -> None:
    toks = placeholders.tokens(text)
    assert [t.markup for t in toks] == [reference.markup(t) for t in toks]
    assert placeholders.has_tokens(text) == bool(toks)
    assert placeholders.highest_number(text) == max((t.number for t in toks), default=0)


@FAST
@given(tagged, tagged, st.lists(st.integers(0, 300), max_size=4), st.integers(1, 6))
def test_reserve_as_reference(source: str, text: str, taken: list[int], count: int) -> None:
    draft = Draft(source=source, text=text, protected=dict.fromkeys(taken, "x"))
    expected = reference.reserve_numbers(source, text, dict.fromkeys(taken, "x"), count)
    got = []
    for n in range(count):
        got.append(draft.reserve())
        draft.protected[got[-1]] = f"shown {n}"  # what a hook does with the number
    assert got == expected


@FAST
@given(texts)
def test_plain_positions_as_reference(text: str) -> None:
    plain = _Plain(text)
    expected, index = reference.plain_with_index(text)
    assert plain.text == expected
    assert [plain.index(p) for p in range(len(expected))] == index


junk = st.lists(st.sampled_from([*PLACEHOLDERS, "Wort", " ", "\u00a0", "\n", "•", "·", "|", "-", "–", "►", "*", "_"]))


@FAST
@given(junk, st.data())
def test_segment_edges_as_reference(parts: list[str], data: st.DataObject) -> None:
    text = "".join(parts)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    end = start + len(text[start:end].rstrip())  # segments are stripped before the search
    assert _before_end_junk(text, start, end) == reference.before_end_junk(text, start, end)
    assert _has_word(text[start:end]) == reference.has_word(text[start:end])


@FAST
@given(texts, st.lists(st.integers(0, 200), max_size=8))
def test_open_placeholders_as_reference(text: str, positions: list[int]) -> None:
    open_at, toks = _OpenStack(text), placeholders.tokens(text)
    for pos in sorted(positions):
        assert open_at(pos) == reference.open_at(toks, pos)


@FAST
@given(texts)
def test_split_as_tokens(text: str) -> None:
    pieces, marks = placeholders.split(text)
    toks = placeholders.tokens(text)
    assert marks == [text[t.start : t.end] for t in toks]
    between = zip([0, *(t.end for t in toks)], [*(t.start for t in toks), len(text)], strict=True)
    assert pieces == [text[a:b] for a, b in between]


LOOP_WORDS = ["Wort", "wort", "fett", "der", "x", "1", "<1>", "  ", "!", "ercent", "ß", "SS", "ΣΑΣ", "σας"]
loops = st.lists(st.sampled_from(LOOP_WORDS))


@FAST
@given(loops, st.integers(0, 8), st.integers(1, 4), st.lists(st.sampled_from(["a", "B", "the", "2"]), max_size=6))
def test_loop_as_reference(words: list[str], at: int, times: int, gram: list[str]) -> None:
    text = " ".join(words[:at] + gram * times + words[at:])
    assert _loop(text) == reference.loop(text)


@FAST
@given(st.lists(st.sampled_from(["Wort", "wort", "WORT", "Straße", "STRASSE", "ﬁ", "fi", '"', "„", "“", " ", "İ"])))
def test_copy_as_reference(parts: list[str]) -> None:
    source = " ".join(["das", "ist", *parts])
    for output in (source, source.upper(), source.replace("„", '"'), source.replace("ß", "ss"), source + "x"):
        for head in (1, 3, 1000):
            with patch.object(detectors, "_HEAD", head):
                expected = reference.same(plain(source)) == reference.same(plain(output))
                assert (detectors.copy(source, output) is not None) == expected


@FAST
@given(texts)
def test_same_balance_and_visible_as_reference(text: str) -> None:
    assert _same(text) == reference.same(text)
    assert _balance(text) == reference.balance(text)
    assert _visible(text) == reference.visible(text)


GERMAN = ["der", "Der", "DER", "die", "und", "UND", "Und", "A", "a", "I", "ß", "SS", "Straße"]
german = st.lists(st.sampled_from(GERMAN))


@FAST
@given(st.lists(st.one_of(snippets, german.map(" ".join))), st.sampled_from(["en", "fr", "de", "xx"]))
def test_word_checks_as_reference(parts: list[str], target: str) -> None:
    text = " ".join(parts)
    assert _has_common_words(plain(text)) == reference.copy_words(text)
    expected = reference.source_words(text, target)
    got = source_words(text, text, target)
    if expected is None:
        assert got is None
    else:
        words, found = expected
        assert (got is not None) == (len(found) >= 2 and len(found) >= 0.1 * len(words))
        if got is not None:
            assert got.detail == "German words left: " + ", ".join(list(dict.fromkeys(w.casefold() for w in found))[:5])


@FAST
@given(st.lists(st.sampled_from([*WORDS, *MARKS, *PLACEHOLDERS, "<b>", "<br/>", "{{x}}", "http://a.de/x", "a@b.de"])))
def test_pseudo_as_reference(parts: list[str]) -> None:
    text = "".join(parts)
    assert PseudoEngine().translate(text) == reference.pseudo(text)


@FAST
@given(tagged)
def test_tag_positions_as_reference(text: str) -> None:
    assert _Saved(text).relative == reference.relative(text)


numbers = st.sampled_from(
    ["3", "12,5", "1.234", "5.000,–", "24.11.2026", "10.30 Uhr", "3,5 Mio. Euro", "5 %", "2. Weltkrieg", "€ 5", "B52"]
    + ["http://a.de/x", "https://", "www.", "www.a.de", "a@b.de", "a@b.", "x/y", "a/", "/b", "_", "-", "+"]
)


@FAST
@given(st.lists(st.one_of(snippets, numbers), max_size=30))
def test_entities_as_reference(parts: list[str]) -> None:
    text = "".join(parts)
    assert find_entities(text) == reference.find_entities(text)
    assert find_entities(text) == reference.find_entities(text)  # cached


# Sentence pieces: words, all the whitespace SoMaJo and str.strip may disagree on, closing marks, at most one
# final punctuation mark placed anywhere (the shortcut must refuse it unless it is the last visible character).
sentence_parts = st.sampled_from(
    ["Wort", "fett", "Das", "z", "B", "3", "„", "“", '"', "'", "(", ")", ",", ":", "-", "–", "«", "»", "•", "·"]
    + [" ", "  ", "\n", "\t", "\u00a0", "\u2009", "\u202f", "\x1c", "\x85", "\u2028", "\u200b", "\ufeff", "\xad"]
)
terminals = st.sampled_from([".", "!", "?", "…"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(sentence_parts, max_size=25), st.lists(sentence_parts, max_size=4), terminals, st.booleans())
def test_one_sentence_shortcut_as_somajo(before: list[str], after: list[str], mark: str, last: bool) -> None:
    trailing = [p for p in after if not p.strip()] if last else after
    piece = "".join(before) + mark + "".join(trailing)
    if _one_sentence(piece):
        assert _sentences(piece, 0, len(piece)) == reference.somajo_sentences(piece)


@pytest.mark.parametrize("piece", ["Ende.", "  Wort fett Ende!  ", "Wort (fett) Ende…\n", "„Wort“ fett?"])
def test_one_sentence_shortcut_taken(piece: str) -> None:
    assert _one_sentence(piece)
    assert _sentences(piece, 0, len(piece)) == reference.somajo_sentences(piece)


@pytest.mark.parametrize("piece", ["Ja. Nein.", "Ja. nein", "Er sagte: „Ja.“", "Ende.“", "Ja!?", ".", "\u200bJa."])
def test_one_sentence_shortcut_not_taken(piece: str) -> None:
    assert not _one_sentence(piece)


def test_long_paragraph_of_inline_elements_is_one_segment() -> None:
    text = "".join(f"Wort <{i}>fett</{i}> " for i in range(1, 3001)) + "Ende."
    (segment,) = split_block(text)
    assert segment.msgid == text and segment.mapping == {n: n for n in range(1, 3001)}


AMOUNTS = ["3", "12,5", "1.234,50", "24.11.2026", "10.30 Uhr", "3,5 Mio. Euro", "5 %", "€ 5", "2. Weltkrieg", "1.234"]


@FAST
@given(
    st.lists(st.one_of(st.sampled_from(["Wort ", " ", "<1>", "</1>", "<2/>", ", "]), st.sampled_from(AMOUNTS))),
    st.sampled_from(["en", "fr", "de-CH"]),
    st.lists(st.integers(0, 12), max_size=3),
    st.booleans(),
)
def test_localise_hook_as_reference(parts: list[str], lang: str, placed: list[int], drop: bool) -> None:
    from transloc.config import Settings
    from transloc.localise.hook import LocaliseHook, _Protected
    from transloc.pipeline import target_locale

    hook = LocaliseHook(target_locale(lang, Settings()))
    source = "".join(parts)
    fast, slow = Draft(source=source, text=source), Draft(source=source, text=source)
    hook.before(fast)
    reference.localise_before(hook, slow)
    assert (fast.text, fast.protected) == (slow.text, slow.protected)
    stored = fast.stored("localise", _Protected)
    assert stored is not None and list(stored.values.items()) == list(slow.state["localise"].values.items())
    values = sorted(stored.values.items())
    numbers = [number for number, _ in values]
    # The engine's output: the placeholders, some dropped; some marked as placed by position.
    output = fast.text.replace(f"<{numbers[0]}/>", "") if drop and numbers else fast.text
    for draft in (fast, slow):
        draft.text = output
        for index in placed:
            if index < len(numbers):
                draft.placed[numbers[index]] = "placed"
    got = _restore_at_once(fast, values) if _at_once(fast, values) else hook._restore(fast, values)
    assert got == reference.localise_restore(hook, slow, values)
    assert fast.notes == slow.notes and fast.placed == slow.placed
