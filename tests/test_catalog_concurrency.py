"""No lost update: a reviewer saving during a real Argos run, and two transloc processes on one catalog."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import polib
import pytest

from tinymodel import cached_package
from transloc import pipeline
from transloc.catalog import catalog_lock, load_catalog, new_catalog, save_catalog
from transloc.config import Settings
from transloc.localise.locales import parse_locale
from transloc.mt import create_engine, models

SENTENCES = [
    "Die Regierung in Berlin will die Lage beraten.",
    "Experten warnen vor enormen Konsequenzen.",
    "Der Minister sagte am Montag nichts dazu.",
    "Russland und Nordkorea schließen einen Pakt.",
    "Die Preise für Energie sind gestiegen.",
    "Der Kanzler reist nach Moskau.",
    "Die Partei will im Bundestag abstimmen.",
    "Strom und Gas werden teurer.",
    "Die Sicherheit in Europa steht auf dem Spiel.",
    "Der Bericht erscheint in der kommenden Woche.",
    "Die Opposition kündigte Widerstand an.",
    "Am Dienstag tagt der Ausschuss.",
]
ARTICLE = "Politik\n\n" + "\n\n".join(SENTENCES) + "\n"
HUMAN = {0: "The government in Berlin wants to discuss the situation.", 1: "Experts warn of huge consequences.",
         4: "Energy prices have risen.", 7: "Electricity and gas are getting dearer.",
         10: "The opposition announced resistance."}  # fmt: skip


class ReviewerBetweenBatches:
    """Wraps the real Argos engine; before its second batch a reviewer saves approved translations with polib."""

    def __init__(self, engine: Any, po_path: Path) -> None:
        self.engine, self.po_path = engine, po_path
        self.name, self.label, self.keeps_placeholders = engine.name, engine.label, engine.keeps_placeholders
        self.batches: list[list[str]] = []

    def translate_batch(self, texts: list[str]) -> list[str]:
        self.batches.append(list(texts))
        if len(self.batches) == 2:
            po = polib.pofile(str(self.po_path))
            assert sum(1 for e in po if e.msgstr) == 3, "batch 1 must be on disk before the reviewer opens the file"
            for index, text in HUMAN.items():
                entry = po.find(SENTENCES[index])
                entry.msgstr, entry.flags = text, []
            po.save()
        return list(self.engine.translate_batch(texts))


@pytest.fixture(scope="session")
def tiny_de_en(request: pytest.FixtureRequest) -> Path:
    return cached_package(Path(request.config.cache.mkdir("transloc-tinymodel")), "translate-de_en-1_9.argosmodel")


def test_reviewer_edits_during_a_real_argos_run_survive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argos_paths: models.ArgosPaths, tiny_de_en: Path
) -> None:
    models.install_file(tiny_de_en, argos_paths)
    monkeypatch.chdir(tmp_path)
    Path("pakt.txt").write_text(ARTICLE, encoding="utf-8")
    po_path = tmp_path / "locales" / "en" / "pakt.po"
    engine = ReviewerBetweenBatches(create_engine("argos", "de", "en"), po_path)
    settings = Settings(batch_size=3, engine="argos", glossary=[])
    result = pipeline.translate([Path("pakt.txt")], parse_locale("en"), settings, lambda: engine)

    po = load_catalog(po_path)
    for index, text in HUMAN.items():
        entry = po.find(SENTENCES[index])
        assert entry.msgstr == text and "fuzzy" not in entry.flags, f"reviewed entry {index} was overwritten"
    reviewed = {SENTENCES[i] for i in HUMAN}
    machine = [e for e in po if not e.obsolete and e.msgid in SENTENCES and e.msgid not in reviewed]
    assert machine and all(e.msgstr and "fuzzy" in e.flags and "mt: argos" in e.comment for e in machine)
    # the sentences reviewed for later batches (7 and 10) were not even sent to the engine; sentence 4 was in
    # flight when the reviewer saved, and its machine draft gave way to the reviewer's translation
    active = [e for e in po if not e.obsolete]
    sent = [text for batch in engine.batches for text in batch]
    assert len(sent) == result.fill.machine == len(active) - 2
    assert SENTENCES[7] not in sent and SENTENCES[10] not in sent and SENTENCES[4] in sent
    assert len(po) == len({(e.msgctxt, e.msgid) for e in po})


def transloc(*args: str, cwd: Path, stderr: Path) -> subprocess.Popen[str]:
    """A real transloc process; stderr goes to a file the test can read while the process runs."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    with open(stderr, "w", encoding="utf-8") as err:
        return subprocess.Popen(
            [sys.executable, "-m", "transloc", *args], cwd=cwd, env=env, text=True,
            stdout=subprocess.PIPE, stderr=err,
        )  # fmt: skip


def wait_for(paths: list[Path], text: str, seconds: float = 120) -> None:
    """Until every file holds ``text`` (process start-up takes seconds on a loaded machine)."""
    deadline = time.monotonic() + seconds
    while not all(text in p.read_text(encoding="utf-8") for p in paths):
        assert time.monotonic() < deadline, [p.read_text(encoding="utf-8") for p in paths]
        time.sleep(0.1)


def test_two_transloc_processes_on_one_catalog_serialise_and_lose_nothing(tmp_path: Path) -> None:
    (tmp_path / "pakt.txt").write_text(ARTICLE, encoding="utf-8")
    po_path = tmp_path / "locales" / "en" / "pakt.po"
    args = ("translate", "--to", "en", "--engine", "pseudo", "--batch-size", "2", "pakt.txt")
    logs = [tmp_path / "first.err", tmp_path / "second.err"]
    notice = "pakt.po: another transloc process is working on this catalog — waiting"
    with catalog_lock(po_path):  # a third party holds the catalog while both processes start
        first, second = (transloc(*args, cwd=tmp_path, stderr=log) for log in logs)
        wait_for(logs, notice)
        assert first.poll() is None and second.poll() is None, "both must wait for the lock"
        assert not po_path.exists()
        # meanwhile a reviewer's translation lands in the catalog
        reviewed = new_catalog(parse_locale("en"), "review")
        reviewed.append(polib.POEntry(msgid=SENTENCES[3], msgstr="Russia and North Korea close a pact."))
        save_catalog(reviewed, po_path)
    for proc in (first, second):
        proc.communicate(timeout=120)
    outputs = [log.read_text(encoding="utf-8") for log in logs]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    po = load_catalog(po_path)
    assert po.find(SENTENCES[3]).msgstr == "Russia and North Korea close a pact."
    assert "fuzzy" not in po.find(SENTENCES[3]).flags
    active = [e for e in po if not e.obsolete]
    assert {e.msgid for e in active} >= set(SENTENCES)
    assert all(e.msgstr for e in active)
    # serialised: one process machine-translated the catalog, the other found the work done
    machine = sorted(int(err.split(" sentence(s) machine-translated")[0].split()[-1]) for err in outputs)
    assert machine == [0, len(active) - 1], outputs
