"""One set of term rules for every glossary format: a term CSV refuses is refused from TBX too, at file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from transloc.errors import TranslocError
from transloc.glossary import load_glossary
from transloc.glossary.csvio import parse_csv
from transloc.glossary.tbx import parse_tbx

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<tbx xml:lang="de" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>\n'
TAIL = "</body></text></tbx>\n"


def tbx(*concepts: str) -> bytes:
    return (HEAD + "\n".join(concepts) + "\n" + TAIL).encode("utf-8")


def concept(de: str, *targets: tuple[str, str], dnt: bool = False, forbidden: tuple[str, str] | None = None) -> str:
    note = '<termNote type="transferComment">do not translate</termNote>' if dnt else ""
    secs = [f'<langSec xml:lang="de"><termSec><term>{de}</term>{note}</termSec></langSec>']
    secs += [f'<langSec xml:lang="{lang}"><termSec><term>{text}</term></termSec></langSec>' for lang, text in targets]
    if forbidden:
        lang, text = forbidden
        secs.append(
            f'<langSec xml:lang="{lang}"><termSec><term>{text}</term>'
            '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec>'
        )
    return "<conceptEntry>" + "".join(secs) + "</conceptEntry>"


def test_term_without_target_is_an_error_in_csv_and_tbx_alike() -> None:
    _, csv_problems = parse_csv("de,en\nKreml,Kremlin\nMoskau,\n", "g.csv")
    glossary, tbx_problems = parse_tbx(tbx(concept("Kreml", ("en", "Kremlin")), concept("Moskau")), "g.tbx")
    assert [(p.line, p.level) for p in csv_problems] == [(3, "error")]
    found = [(p.line, p.level, p.message.split(":")[0]) for p in tbx_problems]
    assert found == [(4, "error", "no target for 'Moskau'")]
    assert [t.source for t in glossary] == ["Kreml"]


def test_dnt_term_with_another_target_is_a_conflict_in_tbx_too() -> None:
    _, problems = parse_tbx(tbx(concept("Daily Express", ("en", "Daily Mail"), dnt=True)), "g.tbx")
    assert [p.message for p in problems] == [
        "conflicting targets: dnt term 'Daily Express' has en target 'Daily Mail'"
    ]


def test_dnt_term_that_repeats_its_source_loads_without_targets() -> None:
    glossary, problems = parse_tbx(tbx(concept("KCNA", ("en", "KCNA"), dnt=True)), "g.tbx")
    assert problems == []
    (term,) = glossary
    assert term.dnt and term.targets == {}


def test_form_both_required_and_forbidden_is_refused_in_tbx() -> None:
    text = tbx(
        concept("Russland", ("en", "Russia"))
        .replace("</conceptEntry>", "")
        + '<langSec xml:lang="en"><termSec><term>Russia</term>'
        '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec></conceptEntry>'
    )
    _, problems = parse_tbx(text, "g.tbx")
    assert [p.message for p in problems] == ["conflicting targets: 'Russia' is both required and forbidden"]


def test_loading_an_invalid_tbx_term_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "terms.tbx"
    path.write_bytes(tbx(concept("Kreml", ("en", "Kremlin")), concept("Moskau")))
    with pytest.raises(TranslocError) as info:
        load_glossary([path])
    assert info.value.path == f"{path}:4"  # the second concept, on the fourth line
    assert str(info.value).startswith(f"{path}:4: no target for 'Moskau'")
    assert "transloc glossary lint" in str(info.value)
