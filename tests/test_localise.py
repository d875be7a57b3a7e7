"""Target-locale conventions: entities found in German source, rendered per CLDR for en-US, en-GB and fr.

Expected strings are the CLDR conventions of each locale written out by hand (CLDR 42+ puts U+202F
NARROW NO-BREAK SPACE before AM/PM and between French digit groups, U+00A0 before French % and €).
"""

from __future__ import annotations

import re

import pytest

from engines import CopyEngine
from support import CORPUS_MISSING, EXAMPLE
from transloc import placeholders
from transloc.localise.entities import find_entities
from transloc.localise.hook import LocaliseHook, localise_text
from transloc.localise.locales import parse_locale
from transloc.localise.quotes import convert_quotes
from transloc.mt.base import Draft
from transloc.mt.pseudo import PseudoEngine
from transloc.mt.tags import TagHook

NNBSP, NBSP = "\u202f", "\u00a0"

# (German source form, locale, expected target form)
CASES = [
    ("1.234,5", "en-US", "1,234.5"),
    ("1.234,5", "en-GB", "1,234.5"),
    ("1.234,5", "fr", f"1{NNBSP}234,5"),
    ("1.234.567", "en-US", "1,234,567"),
    ("1.234.567", "fr", f"1{NNBSP}234{NNBSP}567"),
    ("0,75", "en-GB", "0.75"),
    ("5,5 %", "en-US", "5.5%"),
    ("5,5 %", "en-GB", "5.5%"),
    ("5,5 %", "fr", f"5,5{NBSP}%"),
    ("5 Euro", "en-US", "€5"),
    ("5 €", "en-GB", "€5"),
    ("5 Euro", "fr", f"5{NBSP}€"),
    ("12,50 Euro", "en-US", "€12.50"),
    ("3,5 Mio. Euro", "en-US", "€3.5 million"),
    ("3,5 Mio. Euro", "en-GB", "€3.5 million"),
    ("3,5 Mio. Euro", "fr", f"3,5{NBSP}M{NBSP}€"),
    ("2 Milliarden Dollar", "en-US", "$2 billion"),
    ("1,2 Millionen", "en-GB", "1.2 million"),
    ("24. November 2026", "en-US", "November 24, 2026"),
    ("24. November 2026", "en-GB", "24 November 2026"),
    ("24. November 2026", "fr", "24 novembre 2026"),
    ("24.11.2026", "en-US", "November 24, 2026"),
    ("24.11.2026", "en-GB", "24 November 2026"),
    ("24.11.2026", "fr", "24 novembre 2026"),
    ("24.11.", "en-US", "November 24"),
    ("24.11.", "en-GB", "24 November"),
    ("3. Okt. 2026", "fr", "3 octobre 2026"),
    ("10.30 Uhr", "en-US", f"10:30{NNBSP}AM"),
    ("10:30 Uhr", "en-GB", "10:30"),
    ("10.30 Uhr", "fr", "10:30"),
    ("22 Uhr", "en-US", f"10:00{NNBSP}PM"),
    ("22 Uhr", "en-GB", "22:00"),
]


def sentence(form: str) -> str:
    return f"Laut <1>Reuters</1> waren es am Ende {form} insgesamt."


@pytest.mark.parametrize(("german", "tag", "expected"), CASES)
def test_copying_engine_output_is_converted(german: str, tag: str, expected: str) -> None:
    """An engine that copies German forms verbatim: localise_text converts them from the source."""
    source = sentence(german)
    copied = f"According to <1>Reuters</1>, it was {german} in total at the end."
    text, notes, review = localise_text(source, copied, parse_locale(tag))
    assert text == f"According to <1>Reuters</1>, it was {expected} in total at the end."
    assert notes == [f"locale: {german} → {expected}"]
    assert review == []


@pytest.mark.parametrize(("german", "tag", "expected"), CASES)
def test_pseudo_engine_through_the_hook(german: str, tag: str, expected: str) -> None:
    source = sentence(german)
    draft = Draft(source=source, text=source)
    hook = LocaliseHook(parse_locale(tag))
    hook.before(draft)
    assert german not in draft.text  # the engine never sees the German form
    # the engine is shown the target form, with plain spaces (what SentencePiece's NFKC would make of it)
    assert re.sub("[\u00a0\u202f\u2009]", " ", expected) in draft.protected.values()
    draft.text = PseudoEngine().translate(draft.text)
    hook.after(draft)
    assert expected in draft.text
    assert "<1>" in draft.text and "</1>" in draft.text
    assert f"locale: {german} → {expected}" in draft.notes


def test_engine_without_placeholders_sees_target_forms() -> None:
    """Through the tag hook, a placeholder-less engine is shown the target rendering and it survives."""
    source = "Am 24.11.2026 um 10.30 Uhr kostete <1>Benzin</1> 1,85 Euro, 3,5 % mehr."
    draft = Draft(source=source, text=source)
    hooks = [LocaliseHook(parse_locale("en-US")), TagHook(CopyEngine())]
    for hook in hooks:
        hook.before(draft)
    assert "November 24, 2026" in draft.text and "24.11.2026" not in draft.text
    draft.text = CopyEngine().translate_batch([draft.text])[0]
    for hook in reversed(hooks):
        hook.after(draft)
    assert draft.text == f"Am November 24, 2026 um 10:30{NNBSP}AM kostete <1>Benzin</1> €1.85, 3.5% mehr."
    assert placeholders.compare(source, draft.text) is None


class RewritingEngine(CopyEngine):
    """Normalises like SentencePiece (NFKC: no-break spaces become spaces) and writes times its own way."""

    def translate_batch(self, texts: list[str]) -> list[str]:
        import unicodedata

        return [unicodedata.normalize("NFKC", t).replace(" AM", " a.m.").replace(" PM", " p.m.") for t in texts]


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en-US", f"Um 10:30{NNBSP}AM kostete es €1,234.5, um 10:15{NNBSP}PM nichts."),
        ("fr", f"Um 10:30 kostete es 1{NNBSP}234,5{NBSP}€, um 22:15 nichts."),
    ],
)
def test_engine_that_normalises_spaces_and_rewrites_times(tag: str, expected: str) -> None:
    source = "Um 10.30 Uhr kostete es 1.234,5 Euro, um 22.15 Uhr nichts."
    draft = Draft(source=source, text=source)
    engine = RewritingEngine()
    hooks = [LocaliseHook(parse_locale(tag)), TagHook(engine)]
    for hook in hooks:
        hook.before(draft)
    draft.text = engine.translate_batch([draft.text])[0]
    for hook in reversed(hooks):
        hook.after(draft)
    assert draft.text == expected
    assert draft.review == []


def test_en_alone_means_en_us() -> None:
    text, _, _ = localise_text("Am 24.11.2026.", "On 24.11.2026.", parse_locale("en"))
    assert text == "On November 24, 2026."


def test_codes_words_urls_and_years_are_left_alone() -> None:
    source = (
        "Die B52 flog 2026 nach COVID-19 zum G7-Gipfel, siehe https://example.org/2025/11/5,5 "
        "und /fka/news.de/dpa mit 12 Mann im 19. Jahrhundert, Tel. 030 12345."
    )
    tag = parse_locale("en-US")
    text, notes, review = localise_text(source, source, tag)
    assert text == source
    assert notes == [] and review == []


def test_bare_thousands_is_flagged_not_converted() -> None:
    source = "Rund 1.234 Soldaten und 2.000 Euro."
    text, notes, review = localise_text(source, "About 1.234 soldiers and 2.000 euros.", parse_locale("en-US"))
    assert text == "About 1.234 soldiers and 2.000 euros."
    assert notes == []
    assert len(review) == 2 and "1.234" in review[0] and "2.000" in review[1]


def test_ordinals_and_plain_integers_are_not_entities_to_convert() -> None:
    kinds = {e.text: e.kind for e in find_entities("Der 2. Weltkrieg dauerte 6 Jahre.")}
    assert kinds == {"2": "ordinal", "6": "number"}


def test_lost_entity_is_reported_for_review() -> None:
    source = "Am 24.11.2026 kostete es 3,5 Mio. Euro."
    text, _, review = localise_text(source, "It cost a lot.", parse_locale("en-GB"))
    assert text == "It cost a lot."
    assert review == [
        "date 24.11.2026 of the source not found in the translation",
        "amount 3,5 Mio. Euro of the source not found in the translation",
    ]


def test_engine_that_translated_words_but_kept_german_number() -> None:
    source = "Der Schaden beträgt 3,5 Mio. Euro."
    text, notes, review = localise_text(source, "The damage amounts to 3,5 million euros.", parse_locale("en-US"))
    assert text == "The damage amounts to 3.5 million euros."
    assert notes == ["locale: 3,5 → 3.5"] and review == []


def test_time_with_translated_suffix() -> None:
    text, _, _ = localise_text("Um 10.30 Uhr.", "At 10.30 a.m.", parse_locale("en-US"))
    assert text == f"At 10:30{NNBSP}AM"


# ---- quotation marks -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tag", "expected"),
    [
        ('Er sagte: "Das ist falsch."', "en-US", "Er sagte: “Das ist falsch.”"),
        ("Er sagte: „Das ist ‚falsch‘.“", "en-US", "Er sagte: “Das ist ‘falsch’.”"),
        ("Er sagte: »Das ist ›falsch‹.«", "en-GB", "Er sagte: “Das ist ‘falsch’.”"),
        ("He said: “No.”", "fr", f"He said: «{NNBSP}No.{NNBSP}»"),
        ('He said: " No . "', "fr", f"He said: «{NNBSP}No .{NNBSP}»"),
        ("Il a dit « non ».", "en-US", "Il a dit “non”."),
        ("„<1>Daily Express</1>“ berichtet", "en-US", "“<1>Daily Express</1>” berichtet"),
        ("Putin's plans and the Russians’ weapons", "en-US", "Putin's plans and the Russians’ weapons"),
        ("Putin’s 'rock 'n' roll'", "en-US", "Putin’s ‘rock 'n' roll’"),
        ('"Die Folgen werden enorm sein.', "en-US", "“Die Folgen werden enorm sein."),
        ('fehlt", sagte er dem "Daily Express".', "en-US", "fehlt”, sagte er dem “Daily Express”."),
        ('Das sei „falsch“, sagte er".', "en-US", "Das sei ‘falsch’, sagte er”."),
        ('Ein 5" Bildschirm.', "en-US", 'Ein 5" Bildschirm.'),
    ],
)
def test_quotes(text: str, tag: str, expected: str) -> None:
    assert convert_quotes(text, parse_locale(tag)) == expected


def test_swiss_german_uses_guillemets() -> None:
    source = 'Er sagte: "Nein" um 10.30 Uhr.'
    text, _, _ = localise_text(source, source, parse_locale("de-CH"))
    assert text == "Er sagte: «Nein» um 10:30."


def test_example_article_quotes_come_out_english() -> None:
    if not EXAMPLE.is_file():
        pytest.skip(CORPUS_MISSING)
    from transloc.segment import split_block

    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count('"') > 20  # the article's real-world flaw: straight quotes as German quotes
    tag = parse_locale("en-US")
    hook = LocaliseHook(tag)
    outputs = []
    for block in re.split(r"\n\s*\n", text):
        for segment in split_block(block):
            draft = Draft(source=segment.msgid, text=segment.msgid)
            hook.before(draft)
            draft.text = PseudoEngine().translate(draft.text)
            hook.after(draft)
            outputs.append(draft.text)
    joined = "\n".join(outputs)
    assert '"' not in joined and "„" not in joined
    assert joined.count("“") == joined.count("”") == text.count('"') // 2
    # each quotation opens before it closes, across sentence segments
    depth = 0
    for ch in joined:
        if ch in "“”":
            depth += 1 if ch == "“" else -1
            assert depth in (0, 1)
    assert depth == 0


@pytest.mark.parametrize(
    ("german", "copied", "expected"),
    [
        ("Am 8. März 2014.", "On 8. März 2014.", "On March 8, 2014."),
        ("Mehr als 5.000,– € Strafe.", "A fine of more than 5.000,– €.", "A fine of more than €5,000."),
        ("Rund 12\u202f500 Menschen.", "About 12\u202f500 people.", "About 12,500 people."),
        ("Vom 24.–26. November 2026.", "From 24.–26. November 2026.", "From November 24\u2009–\u200926, 2026."),
        ("Von 10 bis 12 Uhr.", "From 10 bis 12 Uhr.", f"From 10:00{NNBSP}AM–12:00{NNBSP}PM."),
    ],
)
def test_more_german_forms_en_us(german: str, copied: str, expected: str) -> None:
    text, _, review = localise_text(german, copied, parse_locale("en-US"))
    assert text == expected
    assert review == []


def test_space_grouped_number_is_flagged_and_codes_skipped() -> None:
    source = "Es fehlen 500 000 Euro, Tel. 030 1234."
    text, notes, review = localise_text(source, "500 000 euros are missing, tel. 030 1234.", parse_locale("en-US"))
    assert text == "500 000 euros are missing, tel. 030 1234."
    assert notes == []
    assert review == ["500 000 may be one number (500000) or two: left unchanged, check the translation"]


def test_french_spacing_before_high_punctuation() -> None:
    source = 'Er fragte: "Wirklich?" Ja; um 10.30 Uhr, siehe https://example.org/?id=5 !'
    engine_output = "Il a demandé : « Vraiment? » Oui; à 10.30 Uhr, voir https://example.org/?id=5 !"
    text, notes, _ = localise_text(source, engine_output, parse_locale("fr"))
    assert text == (
        f"Il a demandé{NBSP}: «{NNBSP}Vraiment{NNBSP}?{NNBSP}» Oui{NNBSP}; à 10:30, voir https://example.org/?id=5{NNBSP}!"
    )
    assert "locale: no-break space before ; : ! ?" in notes
    # other targets keep their punctuation as written
    text, _, _ = localise_text(source, "He asked: “Really?” Yes; at 10.30 Uhr!", parse_locale("en-GB"))
    assert text == "He asked: “Really?” Yes; at 10:30!"
