"""Enforcement around MT: protected terms come out as the glossary says, whatever the engine does."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from engines import EchoEngine
from transloc.glossary import Glossary, GlossaryHook, Term, hints, load_glossary, term_use
from transloc.localise.locales import parse_locale
from transloc.mt.base import Draft
from transloc.mt.pseudo import PseudoEngine
from transloc.mt.tags import TagHook

SHIPPED = Path(__file__).resolve().parents[1] / "glossary"


class GarblingEngine:
    """Misspells every capitalised word (Putin → Pütinx) and drops all placeholders: the worst case for names."""

    name = "garbling"
    label = "garbling"
    keeps_placeholders = False

    def translate_batch(self, texts: list[str]) -> list[str]:
        def garble(m: re.Match[str]) -> str:
            return m.group(0).replace("u", "ü").replace("o", "ö") + "x"

        return [re.sub(r"\b[A-ZÄÖÜ]\w+", garble, re.sub(r"</?\d+/?>", "", t)) for t in texts]


class ForbiddenEngine(EchoEngine):
    """Keeps placeholders but adds a forbidden spelling of its own."""

    def translate_batch(self, texts: list[str]) -> list[str]:
        return [t + " (Pjongjang)" for t in texts]


@pytest.fixture(scope="module")
def shipped() -> Glossary:
    return load_glossary([SHIPPED])


def run(text: str, engine: object, glossary: Glossary, target: str = "en", tags: bool = True) -> Draft:
    """The pipeline's hook protocol: before in order, one engine call, after in reverse order."""
    hooks: Sequence = [GlossaryHook(glossary, parse_locale(target))] + ([TagHook(engine)] if tags else [])
    draft = Draft(source=text, text=text)
    for hook in hooks:
        hook.before(draft)
    draft.text = engine.translate_batch([draft.text])[0]
    for hook in reversed(hooks):
        hook.after(draft)
    return draft


def test_before_protects_terms_as_void_placeholders(shipped: Glossary) -> None:
    draft = Draft(source="Laut <1>Reuters</1> warnt Wladimir Putin Moskau.", text="")
    draft.text = draft.source
    GlossaryHook(shipped, "en").before(draft)
    assert draft.text == "Laut <1>Reuters</1> warnt <101/> <102/>."
    assert draft.protected == {101: "Vladimir Putin", 102: "Moscow"}


@pytest.mark.parametrize("engine", [PseudoEngine(), EchoEngine(), GarblingEngine()], ids=lambda e: e.name)
def test_terms_come_out_as_the_glossary_says_with_any_engine(shipped: Glossary, engine: object) -> None:
    draft = run("Wladimir Putin trifft Kim Jong Un in Pjöngjang, sagt der Daily Express.", engine, shipped)
    for form in ("Vladimir Putin", "Kim Jong Un", "Pyongyang", "Daily Express"):
        assert form in draft.text
    assert "Pjöngjang" not in draft.text and "<" not in draft.text
    assert draft.notes == [
        "glossary: Wladimir Putin → Vladimir Putin",
        "glossary: Kim Jong Un → Kim Jong Un",
        "glossary: Pjöngjang → Pyongyang",
        "glossary: Daily Express → Daily Express (do not translate)",
    ]
    assert not [r for r in draft.review if r.startswith("glossary:")]


def test_engine_that_loses_placeholders_without_tag_hook_gets_a_review_note(shipped: Glossary) -> None:
    draft = run("Heute spricht Wladimir Putin lange.", GarblingEngine(), shipped, tags=False)
    assert "Vladimir Putin" in draft.text
    assert draft.review == ["glossary: Vladimir Putin placed by position, check the sentence"]


def test_english_genitive(shipped: Glossary) -> None:
    assert run("Putins Pläne", EchoEngine(), shipped).text == "Putin's plans".replace("plans", "Pläne")
    assert run("Russlands Armee", EchoEngine(), shipped).text == "Russia's Armee"
    assert run("Die Armee Russlands.", EchoEngine(), shipped).text == "Die Armee Russia."
    glossary = Glossary([Term("Vereinigte Staaten", {"en": "United States"})])
    assert run("Vereinigten Staatens Pläne", EchoEngine(), glossary).text == "United States' Pläne"
    # Only English has the 's genitive.
    assert run("Putins Pläne", EchoEngine(), shipped, "fr").text == "Poutine Pläne"


def test_locale_variants(shipped: Glossary) -> None:
    text = "Verteidigungsminister Sergej Schoigu"
    assert run(text, EchoEngine(), shipped, "en").text == "Defense Minister Sergei Shoigu"
    assert run(text, EchoEngine(), shipped, "en-GB").text == "Defence Minister Sergei Shoigu"
    assert run(text, EchoEngine(), shipped, "fr").text == "ministre de la Défense Sergueï Choïgou"


def test_dnt_keeps_the_source_form_verbatim(shipped: Glossary) -> None:
    draft = run("Bild: picture alliance/dpa/KCNA/KNS | Uncredited", GarblingEngine(), shipped)
    assert draft.text.endswith("picture alliance/dpa/KCNA/KNS | Uncredited")
    assert run("/fka/news.de/dpa", EchoEngine(), shipped).text == "/fka/news.de/dpa"


def test_compounds_keep_their_head(shipped: Glossary) -> None:
    assert run("vom Kreml-Tyrannen", EchoEngine(), shipped).text == "vom Kremlin-Tyrannen"


def test_forbidden_form_in_output_is_flagged_for_review(shipped: Glossary) -> None:
    draft = run("Moskau und Pjöngjang", ForbiddenEngine(), shipped)
    assert draft.text == "Moscow und Pyongyang (Pjongjang)"
    assert draft.review == ['glossary: forbidden form "Pjongjang" for "Pjöngjang" (use "Pyongyang")']


def test_terms_without_a_target_for_the_locale_are_left_alone() -> None:
    glossary = Glossary([Term("Kreml", {"en": "Kremlin"})])
    draft = run("Der Kreml schweigt.", EchoEngine(), glossary, "es")
    assert draft.text == "Der Kreml schweigt." and draft.notes == []


def test_hints(shipped: Glossary) -> None:
    assert hints(shipped, "Putins Sprecher und Wladimir Putin im Kreml-Palast", "en-GB") == [
        "glossary: Putin → Putin",
        "glossary: Wladimir Putin → Vladimir Putin",
        "glossary: Kreml → Kremlin",
    ]
    assert hints(shipped, "Keine Begriffe hier.", "en") == []


def test_term_use_counts_matched_terms_whose_target_appears(shipped: Glossary) -> None:
    entries = [
        ("Wladimir Putin und Kim Jong Un", "Vladimir Putin and Kim Jong Un"),
        ("Putins Pläne in Moskau", "Putin's plans in Moskau"),  # Moscow missing
        ("Der Kreml", ""),  # untranslated: not counted
    ]
    assert term_use(shipped, entries, "en") == (3, 4)


def test_term_use_is_complete_on_the_example_article_with_the_pseudo_engine(shipped: Glossary, corpus: Path) -> None:
    from transloc.segment import split_block

    text = (corpus / "text" / "news.de-nuklearpakt.txt").read_text(encoding="utf-8")
    sentences = [s.msgid for block in text.split("\n\n") for s in split_block(block)]
    engine = PseudoEngine()
    pairs = [(s, run(s, engine, shipped).text) for s in sentences]
    hits, total = term_use(shipped, pairs, "en")
    assert total >= 60 and hits == total
