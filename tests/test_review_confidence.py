"""MT confidence: computed from CTranslate2's hypothesis scores on tiny real Argos packages, checked against
CTranslate2's own per-token log-probabilities, stored in ``#. mt:``, kept by merges and gettext tools, and
cleared when a person edits or approves the entry."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from tinymodel import ModelShape, cached_package, repack
from transloc import pipeline
from transloc.config import Settings
from transloc.localise.locales import parse_locale
from transloc.mt import create_engine, models
from transloc.mt.pseudo import PseudoEngine
from transloc.provenance import mt_record
from transloc.review.confidence import confidence_of

SENTENCES = [
    "Der Minister sagte heute nicht mit dem Kanzler.",
    "Russland warnt.",
    "Experten warnen vor enormen Konsequenzen für die Sicherheit in Berlin und Moskau.",
]
ARTICLE = (
    f"<!doctype html><html lang=de><body><h1>Russland warnt.</h1><p>{SENTENCES[0]}</p><p>{SENTENCES[2]}</p>"
    "</body></html>"
)
MT_LINE = re.compile(r"^mt: argos translate-de_en 1\.9 confidence=(?P<c>[01]\.\d\d) draft=[0-9a-f]{8}$", re.M)


@pytest.fixture(scope="session")
def cache(request: pytest.FixtureRequest) -> Path:
    return Path(request.config.cache.mkdir("transloc-tinymodel"))


@pytest.fixture(scope="session")
def plain_de_en(cache: Path) -> Path:
    return cached_package(cache, "translate-de_en-1_9.argosmodel")


@pytest.fixture(scope="session")
def prefixed_de_en(cache: Path) -> Path:
    return cached_package(
        cache, "translate-de_en-1_9.argosmodel", shape=ModelShape(never_stop=True), target_prefix="__en__"
    )


@pytest.mark.parametrize("package", ["plain_de_en", "prefixed_de_en"])
def test_confidence_is_the_geometric_mean_token_probability(
    argos_paths: models.ArgosPaths, package: str, request: pytest.FixtureRequest
) -> None:
    """Recomputed independently: CTranslate2's score_batch gives the log-probability of every token of the
    hypothesis; exp(mean over the generated tokens) must equal the confidence from the beam-search score."""
    models.install_file(request.getfixturevalue(package), argos_paths)
    engine = create_engine("argos", "de", "en", batch_size=1)
    scored = engine.translate_scored(SENTENCES)
    assert [text for text, _ in scored] == engine.translate_batch(SENTENCES)
    step = engine.steps[0]
    prefix = step.target_prefix
    for sentence, (_, value) in zip(SENTENCES, scored, strict=True):
        source = step.encode([sentence])[0]
        target = prefix + engine.translate_tokens(step, [source])[0]
        ended = len(target) < engine.cap(len(source)) + len(prefix)
        log_probs = step.translator.score_batch([source], [target])[0].log_probs
        generated = log_probs[len(prefix) : len(target) + (1 if ended else 0)]
        expected = math.exp(sum(generated) / len(generated))
        assert value is not None and 0 < value <= 1
        assert value == pytest.approx(expected, rel=2e-3)


def test_pivot_confidence_multiplies_the_legs(
    argos_paths: models.ArgosPaths, prefixed_de_en: Path, plain_de_en: Path, tmp_path: Path
) -> None:
    en_fr = repack(plain_de_en, tmp_path / "en_fr.argosmodel", metadata={"from_code": "en", "to_code": "fr"})
    models.install_file(prefixed_de_en, argos_paths)
    models.install_file(en_fr, argos_paths)
    pivot = create_engine("argos", "de", "fr")
    first = create_engine("argos", "de", "en").translate_scored(SENTENCES)
    second = create_engine("argos", "en", "fr").translate_scored([text for text, _ in first])
    for (_, both), (_, leg1), (_, leg2) in zip(pivot.translate_scored(SENTENCES), first, second, strict=True):
        assert both == pytest.approx(leg1 * leg2, rel=1e-4)  # type: ignore[operator]


def translate(tmp_path: Path, engine: object) -> Path:
    article = tmp_path / "story.html"
    tmp_path.mkdir(parents=True, exist_ok=True)
    article.write_text(ARTICLE, encoding="utf-8")
    settings = Settings(locales=tmp_path / "locales", out=tmp_path / "build")
    pipeline.translate([article], parse_locale("en"), settings, lambda: engine)
    return tmp_path / "locales" / "en" / "story.po"


def confidences(po_path: Path) -> dict[str, float | None]:
    return {e.msgid: confidence_of(e) for e in polib.pofile(str(po_path)) if not e.obsolete}


def test_argos_drafts_carry_confidence_and_pseudo_none(argos_paths: models.ArgosPaths, plain_de_en: Path,
                                                       tmp_path: Path) -> None:
    models.install_file(plain_de_en, argos_paths)
    po_path = translate(tmp_path / "argos", create_engine("argos", "de", "en"))
    entries = [e for e in polib.pofile(str(po_path)) if not e.obsolete]
    assert len(entries) == 3
    for entry in entries:
        match = MT_LINE.search(entry.comment)
        assert match, entry.comment
        assert confidence_of(entry) == float(match.group("c"))
    pseudo = polib.pofile(str(translate(tmp_path / "pseudo", PseudoEngine())))
    assert all(mt_record(e.comment) == mt_record("mt: pseudo") for e in pseudo if not e.obsolete)
    assert all("confidence=" not in e.comment and confidence_of(e) is None for e in pseudo)


def test_confidence_survives_merges_and_is_cleared_by_a_persons_edit(
    argos_paths: models.ArgosPaths, plain_de_en: Path, tmp_path: Path
) -> None:
    models.install_file(plain_de_en, argos_paths)
    po_path = translate(tmp_path, create_engine("argos", "de", "en"))
    before = confidences(po_path)
    assert all(value is not None for value in before.values())

    # gettext's own tools keep the comment, and transloc reads it back.
    if shutil.which("msgcat") and shutil.which("msgmerge"):
        subprocess.run(["msgcat", "-o", str(po_path), str(po_path)], check=True)
        subprocess.run(["msgmerge", "-q", "-U", "--backup=none", str(po_path), str(po_path)], check=True)
        assert confidences(po_path) == before

    # A person approves one draft and rewrites another (leaving it fuzzy).
    po = polib.pofile(str(po_path))
    approved, rewritten = po.find(SENTENCES[0]), po.find(SENTENCES[2])
    approved.flags.remove("fuzzy")
    approved_text = approved.msgstr
    rewritten.msgstr = "Experts warn of enormous consequences for security in Berlin and Moscow."
    po.save(str(po_path))
    assert confidences(po_path) == {**before, SENTENCES[0]: None, SENTENCES[2]: None}

    # The next extract (a transloc merge) removes the stale figures; the untouched draft keeps its own.
    settings = Settings(locales=tmp_path / "locales", out=tmp_path / "build")
    pipeline.extract([tmp_path / "story.html"], parse_locale("en"), settings)
    po = polib.pofile(str(po_path))
    for msgid in (SENTENCES[0], SENTENCES[2]):
        comment = po.find(msgid).comment
        assert "confidence=" not in comment and "draft=" not in comment
        assert "mt: argos translate-de_en 1.9" in comment.splitlines()
    assert po.find(SENTENCES[0]).msgstr == approved_text and "fuzzy" not in po.find(SENTENCES[0]).flags
    assert po.find(SENTENCES[2]).msgstr.startswith("Experts warn of enormous")
    assert confidence_of(po.find(SENTENCES[1])) == before[SENTENCES[1]]


def test_review_page_shows_the_engines_confidence(argos_paths: models.ArgosPaths, plain_de_en: Path,
                                                  tmp_path: Path) -> None:
    """Real engine → PO → page: each row shows the confidence its entry records, coloured as low below 0.5."""
    from bs4 import BeautifulSoup

    from transloc.review.workbench import write_pages

    models.install_file(plain_de_en, argos_paths)
    po_path = translate(tmp_path, create_engine("argos", "de", "en"))
    recorded = {e.msgid: float(MT_LINE.search(e.comment).group("c")) for e in polib.pofile(str(po_path))}
    settings = Settings(locales=tmp_path / "locales", out=tmp_path / "build")
    (written,) = write_pages([tmp_path / "story.html"], parse_locale("en"), settings)
    soup = BeautifulSoup(written.path.read_text(encoding="utf-8"), "html.parser")
    shown = {
        row.select_one(".src").get_text(" ", strip=True): row.select_one(".conf") for row in soup.select("article.row")
    }
    assert set(shown) == set(recorded)
    for msgid, value in recorded.items():
        assert shown[msgid].get_text(strip=True) == f"{value:.2f}"
        assert ("conf-low" in shown[msgid]["class"]) == (value < 0.5)
        assert (shown[msgid].find_parent("article")["data-low"] == "1") == (value < 0.5)
