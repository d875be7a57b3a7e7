"""Sentence boundaries follow the design notes' rules; placeholders never split a sentence."""

from __future__ import annotations

import pytest

from transloc.segment import reassemble, split_block


def sentences(text: str) -> list[str]:
    return [s.msgid for s in split_block(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            'Wladimir Putin: "Geheimer Nuklearpakt" mit Nordkorea! Experten warnen vor "enormen Konsequenzen"',
            ['Wladimir Putin: "Geheimer Nuklearpakt" mit Nordkorea!', 'Experten warnen vor "enormen Konsequenzen"'],
        ),
        ("Ist das wahr? Niemand weiß es.", ["Ist das wahr?", "Niemand weiß es."]),
        (
            "Das Weiße Haus schlage bereits Alarm.Nach Ansicht von Matt Shoemaker sei das ernst.",
            ["Das Weiße Haus schlage bereits Alarm.", "Nach Ansicht von Matt Shoemaker sei das ernst."],
        ),
        (
            'Er sagte: "Das ist gut. Das ist schlecht." Dann ging er.',
            ['Er sagte: "Das ist gut.', 'Das ist schlecht."', "Dann ging er."],
        ),
        ("Die Lage: ernst, aber stabil.", ["Die Lage: ernst, aber stabil."]),
    ],
)
def test_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Das gilt z. B. für Nr. 5 und Art. 3 Abs. 2 der Verordnung.",
        "Es kamen u. a. Dr. Müller und Prof. Schmidt, d. h. die ganze Co. KG.",
        "Die Kosten stiegen auf 3 Mrd. Euro bzw. 5 Mio. Dollar, vgl. den Bericht.",
        "Am 3. Oktober 2024 um 10.30 Uhr begann die Sitzung.",
        "Der 2. Weltkrieg prägte das Land im 19. Jahrhundert nicht.",
        "Bis zum 24.12.2024 bleibt alles, wie es ist.",
        "Mehr dazu lesen Sie auf news.de und spiegel.de im Netz.",
        "Er zögerte ... und sagte dann nichts.",
        "Die Kirche St. Pauli stammt aus dem 12. Jh. und kostet ca. 5 Euro Eintritt.",
    ],
)
def test_no_false_boundaries(text: str) -> None:
    assert sentences(text) == [text]


def test_quote_closing_mark_stays_with_its_sentence() -> None:
    got = sentences("„Wenn das wahr ist, ist es sehr ernst. Das zeigt viel“, sagte er. Dann ging er.")
    assert got == ["„Wenn das wahr ist, ist es sehr ernst.", "Das zeigt viel“, sagte er.", "Dann ging er."]


def test_placeholders_renumbered_per_sentence_and_mapped_back() -> None:
    text = "Laut <1>Reuters</1> sagte er<2/> etwas. Dann kam <3>Putin</3> zurück."
    segs = split_block(text)
    assert [s.msgid for s in segs] == ["Laut <1>Reuters</1> sagte er<2/> etwas.", "Dann kam <1>Putin</1> zurück."]
    assert segs[1].mapping == {1: 3}
    rebuilt = reassemble(text, segs, ["According to <1>Reuters</1>, he said<2/> something.", None])
    assert rebuilt == "According to <1>Reuters</1>, he said<2/> something. Dann kam <3>Putin</3> zurück."


def test_never_split_inside_inline_element() -> None:
    text = "Er las <1>den Satz. Und noch einen</1> vor. Dann ging er."
    assert sentences(text) == ["Er las <1>den Satz. Und noch einen</1> vor.", "Dann ging er."]


def test_closing_tag_after_full_stop_stays_with_sentence() -> None:
    text = "Er sagte <1>Nein.</1> Dann ging er."
    assert sentences(text) == ["Er sagte <1>Nein.</1>", "Dann ging er."]


def test_whitespace_normalised_but_source_kept_outside_segments() -> None:
    text = "  Erster   Satz\n hier.   •  "
    segs = split_block(text)
    assert [s.msgid for s in segs] == ["Erster Satz hier."]
    assert reassemble(text, segs, [None]) == text
    assert reassemble(text, segs, ["First sentence."]) == "  First sentence.   •  "


def test_run_together_sentences_get_a_space_when_translated() -> None:
    text = "Das Haus schlage Alarm.Nach Ansicht von Experten ist das ernst."
    segs = split_block(text)
    assert reassemble(text, segs, ["The house raised the alarm.", "Experts think it is serious."]) == (
        "The house raised the alarm. Experts think it is serious."
    )


def test_no_segment_without_letters() -> None:
    assert split_block(" • | — ") == []


def test_overlong_run_inside_an_element_is_split_with_the_element_reopened() -> None:
    first = "Der erste Satz steht in einem langen Absatz, der ganz in einem fett gesetzten Element steckt, " \
        "wie es Textverarbeitungen beim Einfügen gern erzeugen. "
    second = "Der zweite Satz folgt mit vielen weiteren Wörtern, damit der Abschnitt lang genug wird. "
    third = "Der dritte Satz schließt den Abschnitt ab und ist ebenfalls ziemlich lang geraten."
    text = f"Vorweg <1>{first}{second}{third}</1> Danach."
    segs = split_block(text)
    assert [s.msgid for s in segs] == [
        f"Vorweg <1>{first.strip()}</1>",
        f"<1>{second.strip()}</1>",
        f"<1>{third}</1>",
        "Danach.",
    ]
    assert all(s.mapping == {1: 1} for s in segs[:3]) and segs[3].mapping == {}
    # one sentence translated, the others kept: the block stays well nested
    rebuilt = reassemble(text, segs, [None, "<1>The second sentence.</1>", None, None])
    assert rebuilt == f"Vorweg <1>{first.strip()}</1> <1>The second sentence.</1> <1>{third}</1> Danach."
    from transloc.placeholders import tokens

    depth = 0
    for tok in tokens(rebuilt):
        depth += {"open": 1, "close": -1, "void": 0}[tok.kind]
        assert depth >= 0
    assert depth == 0


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Dann sagte er nur: \"Das war's.\" Die Preise stiegen um 2,5 Prozent.",
            ["Dann sagte er nur: \"Das war's.\"", "Die Preise stiegen um 2,5 Prozent."],
        ),
        ('Sie rief: "Geht\'s noch?" Niemand antwortete.', ['Sie rief: "Geht\'s noch?"', "Niemand antwortete."]),
        # Not a boundary: the quote closes mid-sentence, or the next word is lower-case.
        ('Er sagte "Das geht\'s an." und ging.', ['Er sagte "Das geht\'s an." und ging.']),
        ('Er las "Nr. 5." Ende.', ['Er las "Nr. 5."', "Ende."]),
    ],
)
def test_straight_closing_quote_after_a_full_stop_ends_the_sentence(text, sentences):
    assert [s.msgid for s in split_block(text)] == sentences
