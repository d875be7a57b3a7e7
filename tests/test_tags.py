"""Placeholders survive any engine: kept, found by text, or placed by position with a review note."""

from __future__ import annotations

import random

import pytest

from transloc import placeholders
from transloc.mt.base import Draft
from transloc.mt.tags import TagHook


class Plain:
    keeps_placeholders = False


class Keeper:
    keeps_placeholders = True


def roundtrip(hook: TagHook, draft: Draft, engine) -> Draft:  # noqa: ANN001
    hook.before(draft)
    draft.text = engine(draft.text)
    hook.after(draft)
    return draft


def test_engine_without_placeholder_support_gets_plain_text_with_display_terms() -> None:
    draft = Draft(source="s", text="Laut <1>Reuters</1> sagte <101/> etwas<2/>.")
    draft.protected[101] = "Vladimir Putin"
    seen: list[str] = []

    def engine(text: str) -> str:
        seen.append(text)
        return "According to Reuters, Vladimir Putin said something."

    roundtrip(TagHook(Plain()), draft, engine)
    assert seen == ["Laut Reuters sagte Vladimir Putin etwas."]
    assert draft.text.startswith("According to <1>Reuters</1>, <101/> said something")
    assert placeholders.compare("Laut <1>Reuters</1> sagte <101/> etwas<2/>.", draft.text) is None
    assert draft.review == ["markup placed by position, check: <2/>"]


def test_garbling_engine_still_gets_every_placeholder_back_well_nested() -> None:
    source = "Die <1>Regierung in <2>Moskau</2></1> lehnt <101/> ab<3/>, sagt <4>er</4>."
    draft = Draft(source=source, text=source)
    draft.protected[101] = "Vladimir Putin"
    roundtrip(TagHook(Plain()), draft, lambda text: "zzz qqq www eee rrr ttt")
    assert placeholders.compare(source, draft.text) is None
    assert any("protected term placed by position: Vladimir Putin" in r for r in draft.review)


def test_keeping_engine_that_loses_some_tokens_is_repaired() -> None:
    source = "Er las <1>das Buch</1> vor<2/> und ging."
    draft = Draft(source=source, text=source)
    roundtrip(TagHook(Keeper()), draft, lambda text: "He read <1>the book aloud and left.")
    assert placeholders.compare(source, draft.text) is None
    assert draft.review


def test_keeping_engine_with_intact_tokens_is_untouched() -> None:
    source = "Er las <1>das Buch</1> vor."
    draft = Draft(source=source, text=source)
    roundtrip(TagHook(Keeper()), draft, lambda text: "He read <1>the book</1> aloud.")
    assert draft.text == "He read <1>the book</1> aloud." and draft.review == []


def test_stray_tokens_from_engine_are_dropped() -> None:
    draft = Draft(source="Kein Markup.", text="Kein Markup.")
    roundtrip(TagHook(Keeper()), draft, lambda text: "No <7>markup</7>.")
    assert draft.text == "No markup."


@pytest.mark.parametrize("seed", range(25))
def test_random_outputs_never_break_nesting(seed: int) -> None:
    rng = random.Random(seed)
    source = "A <1>b <2>c</2> d</1> e <3/> f <4>g</4> h <101/> i."
    words = ["alpha", "beta", "<1>", "</2>", "<101/>", "gamma,", "<3/>", "delta.", "</1>", "eps"]

    def engine(text: str) -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(0, 9)))

    draft = Draft(source=source, text=source)
    draft.protected[101] = "Putin"
    roundtrip(TagHook(Plain() if seed % 2 else Keeper()), draft, engine)
    assert placeholders.compare(source, draft.text) is None, draft.text


def test_closing_token_is_never_placed_inside_another_token() -> None:
    source = "<1>Update <101/></1>"
    draft = Draft(source=source, text=source)
    draft.protected[101] = "24. November"
    roundtrip(TagHook(Keeper()), draft, lambda text: "Update <101/>")
    assert placeholders.compare(source, draft.text) is None, draft.text


def test_fallback_to_positions_reports_every_token_it_placed() -> None:
    source = "<1>Heute</1> sprach <101/> lange."
    draft = Draft(source=source, text=source)
    draft.protected[101] = "Putin"
    roundtrip(TagHook(Keeper()), draft, lambda text: "</1> Today Putin spoke <1> long.")
    assert placeholders.compare(source, draft.text) is None, draft.text
    assert "markup placed by position, check: <1> </1>" in draft.review
    assert "protected term placed by position: Putin" in draft.review
