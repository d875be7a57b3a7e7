"""Problem detectors through the real pipeline: each defect engine is flagged with exactly its reason code,
clean drafts (including the tricky ones: headlines, names, split quotations) are not flagged."""

from __future__ import annotations

import html
from pathlib import Path

import polib
import pytest

import engines
from transloc import pipeline
from transloc.config import Settings
from transloc.localise.locales import parse_locale
from transloc.review.detectors import CODES, code_of, detect


def article(tmp_path: Path, sentences: list[str]) -> Path:
    body = "\n".join(f"<p>{html.escape(s, quote=False)}</p>" for s in sentences)
    path = tmp_path / "story.html"
    path.write_text(f"<!doctype html><html lang=de><body><article>{body}</article></body></html>", encoding="utf-8")
    return path


def review_codes(tmp_path: Path, engine: object, sentences: list[str]) -> dict[str, set[str]]:
    """Translate an article of ``sentences`` with ``engine``; msgid → reason codes of its ``#. review:`` notes."""
    settings = Settings(locales=tmp_path / "locales", out=tmp_path / "build")
    target = parse_locale("en")
    pipeline.translate([article(tmp_path, sentences)], target, settings, lambda: engine)
    po = polib.pofile(str(tmp_path / "locales" / "en" / "story.po"))
    found = {}
    for entry in po:
        if entry.obsolete:
            continue
        notes = [line[len("review: "):] for line in entry.comment.splitlines() if line.startswith("review: ")]
        found[entry.msgid] = {code_of(note) or f"other: {note}" for note in notes}
    assert set(found) == set(sentences), "the article must split into exactly the test sentences"
    return found


@pytest.mark.parametrize(
    ("engine", "code"),
    [
        (engines.LoopEngine(), "repeat"),
        (engines.SourceCopyEngine(), "copy"),
        (engines.RamblingEngine(), "length"),
        (engines.TerseEngine(), "length"),
        (engines.HalfGermanEngine(), "source-words"),
        (engines.BracketEngine(), "unbalanced"),
        (engines.QuoteEngine(), "unbalanced"),
        (engines.CutOffEngine(), "cut-off"),
    ],
    ids=lambda v: type(v).__name__ if not isinstance(v, str) else v,
)
def test_each_defect_gets_exactly_its_code(tmp_path: Path, engine: object, code: str) -> None:
    found = review_codes(tmp_path, engine, list(engines.CLEAN_EN))
    assert found == {msgid: {code} for msgid in engines.CLEAN_EN}


def test_clean_drafts_are_not_flagged(tmp_path: Path) -> None:
    sentences = list(engines.CLEAN_EN) + list(engines.CLEAN_TRICKY)
    found = review_codes(tmp_path, engines.TableEngine(), sentences)
    assert found == {msgid: set() for msgid in sentences}


def test_pseudo_drafts_of_the_example_article_are_not_flagged(tmp_path: Path, example: Path) -> None:
    """Pseudo-localisation (bracketed, accented, 30 % longer) is a clean draft for every detector."""
    from transloc.mt.pseudo import PseudoEngine

    settings = Settings(locales=tmp_path / "locales", out=tmp_path / "build")
    result = pipeline.translate([example], parse_locale("en"), settings, lambda: PseudoEngine())
    entries = [e for e in result.jobs[0].po if not e.obsolete]
    assert len(entries) > 30
    flagged = [e.msgid for e in entries if any(code_of(n[8:]) for n in e.comment.splitlines() if n[:8] == "review: ")]
    assert flagged == []


def test_every_code_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert all(f"`{code}`" in readme for code in CODES)


def test_detectors_compare_with_the_source() -> None:
    # The source's own unbalanced quotation, missing punctuation and repetition are not the draft's fault …
    assert detect("„Erster Satz einer langen Rede.", "“First sentence of a long speech.", "en") == []
    assert detect("Putin warnt den Westen", "Putin warns the West", "en") == []
    # … but the same draft is flagged against a clean source.
    assert [f.code for f in detect("Erster Satz einer langen Rede.", "“First sentence of a long speech.", "en")] == [
        "unbalanced"
    ]
    assert [f.code for f in detect("Putin warnt den Westen.", "Putin warns the West", "en")] == ["cut-off"]
    # German → Swiss German: a copy is fine.
    assert detect("Die Regierung hat entschieden.", "Die Regierung hat entschieden.", "de") == []
