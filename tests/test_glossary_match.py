"""Glossary matching sees German inflection, compounds, case and placeholders, without false hits."""

from __future__ import annotations

from pathlib import Path

import pytest

from transloc.glossary import Glossary, Term, load_glossary

SHIPPED = Path(__file__).resolve().parents[1] / "glossary"


@pytest.fixture(scope="module")
def shipped() -> Glossary:
    return load_glossary([SHIPPED])


def found(glossary: Glossary, text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.term.source) for m in glossary.find(text)]


@pytest.mark.parametrize(
    ("text", "surface", "term"),
    [
        ("Putins Pläne", "Putins", "Putin"),
        ("Russlands Armee", "Russlands", "Russland"),
        ("Nordkoreas Diktator", "Nordkoreas", "Nordkorea"),
        ("in Moskaus Straßen", "Moskaus", "Moskau"),
        ("die Pläne des Verteidigungsministers", "Verteidigungsministers", "Verteidigungsminister"),
        ("vom Kreml-Tyrannen", "Kreml", "Kreml"),
        ("der Nordkorea-Diktator", "Nordkorea", "Nordkorea"),
        ("Der US-Geheimdienst warnt", "US-Geheimdienst", "US-Geheimdienst"),
        ("die US-Behörden", "US", "US"),
        ("Das Weiße Haus schlägt Alarm", "Weiße Haus", "Weißes Haus"),
        ("ein Sprecher des Weißen Hauses", "Weißen Hauses", "Weißes Haus"),
        ("Kim Jong Uns Schwester", "Kim Jong Uns", "Kim Jong Un"),
        ("PUTIN DROHT", "PUTIN", "Putin"),
        ("mit den Verteidigungsministern", "Verteidigungsministern", "Verteidigungsminister"),
    ],
)
def test_inflected_and_compound_forms_match(shipped: Glossary, text: str, surface: str, term: str) -> None:
    assert found(shipped, text) == [(surface, term)]


@pytest.mark.parametrize(
    "text",
    [
        "nukleare Ratschläge einholen",
        "Viele Ukrainer flohen.",
        "Sie rät ab, er rat mal",
        "Nuklearpakt und Putinversteher",
        "Moskauer Behörden",
        "Saudi-Arabien",
    ],
)
def test_no_false_hits(text: str) -> None:
    glossary = Glossary(
        [
            Term("Rat", {"en": "Council"}),
            Term("Ukraine", {"en": "Ukraine"}),
            Term("Putin", {"en": "Putin"}),
            Term("Moskau", {"en": "Moscow"}),
            Term("Saudis", {"en": "Saudis"}),
        ]
    )
    assert found(glossary, text) == []


def test_lowercase_word_does_not_match_capitalised_noun_term() -> None:
    glossary = Glossary([Term("Rat", {"en": "Council"})])
    assert found(glossary, "Der Rat tagt, doch er rat nichts.") == [("Rat", "Rat")]


def test_longest_match_wins(shipped: Glossary) -> None:
    assert found(shipped, "Wladimir Putin und Putin") == [("Wladimir Putin", "Wladimir Putin"), ("Putin", "Putin")]
    credit = "Bild: picture alliance/dpa/KCNA/KNS | Uncredited"
    assert found(shipped, credit) == [(credit[6:], "picture alliance/dpa/KCNA/KNS | Uncredited")]


def test_placeholders_are_skipped_and_never_spanned(shipped: Glossary) -> None:
    assert found(shipped, "Laut <1>Wladimir Putin</1> sagte<2/> Russland") == [
        ("Wladimir Putin", "Wladimir Putin"),
        ("Russland", "Russland"),
    ]
    # A term interrupted by markup is not one occurrence; "Putin" alone still is.
    assert found(shipped, "Wladimir <1>Putin</1>") == [("Putin", "Putin")]
    # Placeholder numbers are not words.
    assert found(Glossary([Term("1", {"en": "one"})]), "<1>x</1> <2/>") == []


def test_offsets_point_into_the_text(shipped: Glossary) -> None:
    text = "Hat der russische Verteidigungsminister Sergej Schoigu mit Kim Jong Un gesprochen?"
    for match in shipped.find(text):
        assert text[match.start : match.end] == match.surface


def test_genitive_flags() -> None:
    glossary = Glossary([Term("Putin", {"en": "Putin"}), Term("Kreml", {"en": "Kremlin"})])
    (putins,) = glossary.find("Putins Pläne")
    assert putins.genitive and putins.possessive
    (after,) = glossary.find("die Pläne Putins.")
    assert after.genitive and not after.possessive
    (kremls,) = glossary.find("die Macht des Kremls Armee")
    assert kremls.genitive and not kremls.possessive
    (plain,) = glossary.find("Putin sagt")
    assert not plain.genitive and not plain.possessive


def test_dnt_terms_match_case_insensitively(shipped: Glossary) -> None:
    assert found(shipped, "/fka/news.de/dpa") == [("news.de", "News.de"), ("dpa", "dpa")]


def test_example_article_terms(shipped: Glossary, corpus: Path) -> None:
    text = (corpus / "text" / "news.de-nuklearpakt.txt").read_text(encoding="utf-8")
    terms = {m.term.source for m in shipped.find(text)}
    expected = {
        "Wladimir Putin",
        "Sergej Schoigu",
        "Kim Jong Un",
        "Verteidigungsminister",
        "Kreml",
        "Nordkorea",
        "Südkorea",
        "Russland",
        "Moskau",
        "Pjöngjang",
        "Ukraine",
        "USA",
        "Weißes Haus",
        "Iran",
        "Israel",
        "China",
        "Daily Express",
        "Defense Intelligence Agency",
        "Yale School of Management",
        "News.de",
        "picture alliance/dpa/KCNA/KNS | Uncredited",
        "dpa",
        "US-Geheimdienst",
        "Putin",
    }
    assert expected <= terms
    # "Ratschläge" and "Nuklearpakt" are words of their own, never a term.
    assert not any(m.surface in {"Ratschläge", "Nuklearpakt"} for m in shipped.find(text))
