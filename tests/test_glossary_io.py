"""Glossary files: CSV parsing and lint with file:line, TBX import/export round trips, load errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from transloc.errors import TranslocError
from transloc.glossary import Forbidden, Glossary, Term, lint, load_glossary
from transloc.glossary.csvio import parse_csv, write_csv
from transloc.glossary.tbx import parse_tbx, read_tbx, write_tbx
from transloc.localise.locales import parse_locale

DATA = Path(__file__).parent / "data" / "glossary"
SHIPPED = Path(__file__).resolve().parents[1] / "glossary"


def test_shipped_glossary_is_clean_and_covers_the_example() -> None:
    problems, count = lint([SHIPPED])
    assert problems == []
    glossary = load_glossary([SHIPPED])
    assert count == len(glossary) >= 30
    by_source = {t.source: t for t in glossary}
    en, gb, fr = parse_locale("en"), parse_locale("en-GB"), parse_locale("fr")
    assert by_source["Wladimir Putin"].target(en) == "Vladimir Putin"
    assert by_source["Sergej Schoigu"].target(en) == "Sergei Shoigu"
    assert by_source["Pjöngjang"].target(en) == "Pyongyang"
    assert by_source["Verteidigungsminister"].target(en) == "Defense Minister"
    assert by_source["Verteidigungsminister"].target(gb) == "Defence Minister"
    assert by_source["Kreml"].target(gb) == "Kremlin"  # no en-GB cell: falls back to en
    assert by_source["Nordkorea"].target(fr) == "Corée du Nord"
    assert by_source["Daily Express"].dnt and by_source["Daily Express"].target(fr) == "Daily Express"
    assert by_source["Verteidigungsminister"].forbidden_for(gb) == ["Minister of Defense", "Defense Minister"]
    assert by_source["Verteidigungsminister"].forbidden_for(en) == ["Defence Minister", "Minister of Defense"]


def test_lint_reports_each_problem_with_file_and_line() -> None:
    problems, count = lint([DATA / "bad.csv"])
    path = str(DATA / "bad.csv")
    lines = [(p.path, p.line, p.level) for p in problems]
    assert all(p == path for p, _, _ in lines)
    text = [f"{p.line}: {p.level}: {p.message}" for p in problems]
    assert text[0].startswith("1: error: bad header 'colour'")
    assert "3: error: empty de cell: every term needs its source form" in text
    assert any(t.startswith("4: error: unknown type 'city'") for t in text)
    assert "5: error: dnt must be yes or no, not 'maybe'" in text
    assert "6: error: conflicting targets: 'Russia' is both required and forbidden" in text
    assert "7: error: conflicting targets: dnt term 'Daily Express' has en target 'Daily Mail'" in text
    assert any(t.startswith("8: warning: stray spaces") for t in text)
    assert f"8: error: duplicate de term 'wladimir putin', first defined at {path}:2" in text
    assert any(
        t.startswith("9: error: conflicting targets for 'Wladimir Putin'") and "'Wladimir Putin'" in t for t in text
    )
    assert "10: error: no target for 'Ukraine': fill a language cell or mark it dnt" in text
    assert count == 3  # rows 2, 8 and 9 are readable terms


def test_bad_headers() -> None:
    _, problems = parse_csv("en,en,,fr\nx,y,,z\n", "g.csv")
    messages = [p.message for p in problems if p.line == 1]
    assert "duplicate header column 'en'" in messages
    assert "header column 3 is empty" in messages
    assert "no 'de' column: the header must name the source language" in messages


def test_semicolon_csv_and_multiline_cells_keep_line_numbers() -> None:
    text = 'de;en;note\nKreml;Kremlin;"two\nlines"\nMoskau;;\n'
    glossary, problems = parse_csv(text, "g.csv")
    assert [t.source for t in glossary] == ["Kreml"]
    assert [(p.line, p.message) for p in problems] == [
        (4, "no target for 'Moskau': fill a language cell or mark it dnt")
    ]


def test_load_glossary_refuses_invalid_file_naming_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "g.csv"
    bad.write_text("de,en,type\nKreml,Kremlin,building\n", encoding="utf-8")
    with pytest.raises(TranslocError) as info:
        load_glossary([tmp_path])
    assert info.value.path == f"{bad}:2"
    assert "unknown type 'building'" in str(info.value)
    with pytest.raises(TranslocError, match="no such glossary"):
        load_glossary([tmp_path / "missing"])


def test_load_glossary_refuses_conflicts_across_files(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("de,en\nKreml,Kremlin\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("de,en\nKreml,Kreml palace\n", encoding="utf-8")
    with pytest.raises(TranslocError) as info:
        load_glossary([tmp_path])
    assert info.value.path == f"{tmp_path / 'b.csv'}:2"


def test_tbx_round_trips_every_csv_field() -> None:
    original = load_glossary([SHIPPED])
    again, problems = parse_tbx(write_tbx(original).encode("utf-8"), "x.tbx")
    assert problems == []
    assert len(again) == len(original)
    for a, b in zip(original, again, strict=True):
        assert (a.source, a.targets, a.type, a.dnt, a.note) == (b.source, b.targets, b.type, b.dnt, b.note)
        assert set(a.forbidden) == set(b.forbidden)
    # And the CSV written from the import is the shipped file, byte for byte.
    assert write_csv(again) == (SHIPPED / "news.csv").read_text(encoding="utf-8")


def test_tbx_round_trip_language_specific_forbidden_forms() -> None:
    glossary = Glossary(
        [
            Term(
                "Verteidigungsminister",
                {"en": "Defense Minister", "en-GB": "Defence Minister", "fr": "ministre"},
                "title",
                False,
                (Forbidden("en-GB:Defense Minister".split(":")[1], "en-GB"), Forbidden("Minister")),
                "a & b <c>",
            )
        ]
    )
    (term,) = parse_tbx(write_tbx(glossary).encode(), "x.tbx")[0]
    assert set(term.forbidden) == {Forbidden("Defense Minister", "en-GB"), Forbidden("Minister")}
    assert term.note == "a & b <c>"


def test_tbx_v2_import() -> None:
    glossary, problems = read_tbx(DATA / "terms.tbx")
    assert [(p.line, p.message) for p in problems] == [(16, "concept has no 'de' term")]
    pjong, kcna = glossary
    assert (pjong.source, pjong.targets, pjong.type) == ("Pjöngjang", {"en": "Pyongyang", "fr": "Pyongyang"}, "place")
    assert pjong.forbidden == (Forbidden("Pjongjang", "en"),)
    assert kcna.dnt and kcna.note == "state news agency"


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (b"<tbx><text><body><conceptEntry>", "not well-formed XML", 1),
        (b'<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY a "aaaa">]>\n<tbx/>', "DTDs and entity declarations", 2),
        (b"<html><body/></html>", "not a TBX file", 1),
    ],
)
def test_tbx_bad_input_is_one_error_with_line(data: bytes, message: str, line: int) -> None:
    with pytest.raises(TranslocError) as info:
        parse_tbx(data, "t.tbx")
    assert message in info.value.message
    assert info.value.path == f"t.tbx:{line}"


def test_lint_warns_about_rows_that_can_never_apply(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(
        "de,en\nWeißes Haus,White House\nWeiße Haus,White House\nPutin,Putin\nPutins,Putin\nKreml,Kremlin\n"
        "Kreml-Tyrann,Kremlin tyrant\nRat,Council\nRatschlag,advice\n",
        encoding="utf-8",
    )
    problems, count = lint([path])
    assert count == 8
    assert [(p.line, p.level, p.message.split(":")[0]) for p in problems] == [
        (3, "warning", "'Weiße Haus' never applies"),
        (5, "warning", "'Putins' never applies"),
    ]
    assert f"'Weißes Haus' ({path}:2) matches the same words" in problems[0].message


def test_legacy_encoding_is_read_and_binary_is_refused(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes("de,en\nWeißes Haus,White House\n".encode("cp1252"))
    (term,) = load_glossary([legacy])
    assert term.source == "Weißes Haus"
    binary = tmp_path / "sheet.csv"
    binary.write_bytes(b"PK\x03\x04\x00\x00binary")
    problems, _ = lint([binary])
    assert [(p.line, p.message) for p in problems] == [(1, "binary file, not a CSV glossary")]


def test_load_glossary_reads_tbx_files_in_folders(tmp_path: Path) -> None:
    (tmp_path / "terms.tbx").write_text(write_tbx(load_glossary([SHIPPED])), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a glossary", encoding="utf-8")
    glossary = load_glossary([tmp_path])
    assert [t.source for t in glossary] == [t.source for t in load_glossary([SHIPPED])]
    assert glossary.terms[0].origin == f"{tmp_path / 'terms.tbx'}:5"
    with pytest.raises(TranslocError, match="concept has no 'de' term"):
        load_glossary([DATA / "terms.tbx"])
