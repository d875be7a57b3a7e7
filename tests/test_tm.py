"""Translation memory: the SQLite index over the PO files, exact and fuzzy matches, faults."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import polib
import pytest

from engines import CountingEngine
from support import run_cli as run
from support import translator_catalog as catalog
from transloc.config import Settings
from transloc.errors import TranslocError
from transloc.localise.locales import parse_locale
from transloc.mt import ENGINES
from transloc.tm import Memory, db_path, rebuild, suggest

EN = parse_locale("en-GB")


@pytest.fixture
def engines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(ENGINES, "counting", "engines:CountingEngine")
    CountingEngine.calls = CountingEngine.sentences = 0


def article(path: Path, *paragraphs: str) -> Path:
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


SENT = "Die Polizei hat am Montag in Berlin drei Verdächtige festgenommen."
SENT_EN = "On Monday, police in Berlin arrested three suspects."


# ----------------------------------------------------------------------------- the index


def test_index_remembers_origin_state_and_locale(tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    catalog(locales / "en-GB" / "site" / "a" / "index.po", [(SENT, SENT_EN, False), ("Wetter", "Weather", True)])
    catalog(locales / "fr" / "b.po", [(SENT, "Lundi, la police a arrêté trois suspects à Berlin.", False)])
    with Memory.open(locales) as memory:
        assert memory.update("en-GB").indexed == 1
        units = list(memory.units("en-GB", include_fuzzy=True))
        assert [(u.msgid, u.reviewed, u.path) for u in units] == [
            (SENT, True, "en-GB/site/a/index.po"), ("Wetter", False, "en-GB/site/a/index.po")
        ]
        text = (locales / "en-GB/site/a/index.po").read_text(encoding="utf-8").splitlines()
        assert text[units[0].line - 1] == f'msgid "{SENT}"'  # file:line points at the entry
        assert [u.msgid for u in memory.units("en-GB")] == [SENT]  # reviewed only by default
        assert memory.exact("fr", SENT) is None  # the other locale is not indexed yet, and is kept apart
        memory.update("fr")
        assert memory.exact("fr", SENT).msgstr.startswith("Lundi")  # type: ignore[union-attr]
        assert memory.exact("en-GB", SENT).msgstr == SENT_EN  # type: ignore[union-attr]


def test_update_is_incremental_and_follows_the_po_files(tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    paths = [catalog(locales / "en-GB" / f"c{i}.po", [(f"Satz Nummer {i}.", f"Sentence number {i}.", False)])
             for i in range(5)]
    with Memory.open(locales) as memory:
        assert memory.update("en-GB").indexed == 5
        assert memory.update("en-GB").indexed == 0, "nothing changed: nothing parsed"
        catalog(paths[1], [("Satz Nummer 1.", "Sentence no. 1.", False)])
        paths[2].touch()  # new mtime, same content: only the stat is refreshed
        paths[3].unlink()
        stats = memory.update("en-GB")
        assert (stats.removed, stats.scanned) == (1, 4)
        assert stats.indexed == 1, "only the rewritten catalog is parsed again"
        assert memory.exact("en-GB", "Satz Nummer 1.").msgstr == "Sentence no. 1."  # type: ignore[union-attr]
        assert memory.exact("en-GB", "Satz Nummer 3.") is None
        assert memory.exact("en-GB", "Satz Nummer 2.") is not None


def test_deleting_the_database_loses_nothing(tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    catalog(locales / "en-GB" / "a.po", [(SENT, SENT_EN, False), ("Wetter", "Weather", True)])
    with Memory.open(locales) as memory:
        memory.update("en-GB")
        before = list(memory.units("en-GB", include_fuzzy=True))
    assert (db_path(locales).parent / ".gitignore").read_text().strip().endswith("*")
    db_path(locales).unlink()
    with Memory.open(locales) as memory:
        memory.update("en-GB")
        assert list(memory.units("en-GB", include_fuzzy=True)) == before
    rebuild(locales)
    with Memory.open(locales) as memory:
        assert list(memory.units("en-GB", include_fuzzy=True)) == before


def test_tm_rebuild_command(workdir: Path) -> None:
    catalog(Path("locales/en-GB/a.po"), [(SENT, SENT_EN, False)])
    catalog(Path("locales/fr/a.po"), [(SENT, "Lundi …", False)])
    code, out, err = run("tm", "rebuild")
    assert code == 0, err
    assert "en-GB: 1 catalog(s), 1 reviewed, 0 machine" in out and "fr: 1 catalog(s)" in out
    assert db_path(Path("locales")).is_file()


# ----------------------------------------------------------------------------- matches in translate


def test_exact_human_translation_wins_over_machine(workdir: Path, engines: None) -> None:
    catalog(Path("locales/en-GB/a.po"), [(SENT, "machine draft", True)])
    catalog(Path("locales/en-GB/b.po"), [(SENT, SENT_EN, False)])
    catalog(Path("locales/en-GB/c.po"), [(SENT, "another draft", True)])
    new = article(Path("neu.txt"), SENT)
    code, _, err = run("translate", "--to", "en-GB", "--engine", "counting", str(new))
    assert code == 0, err
    entry = polib.pofile("locales/en-GB/neu.po").find(SENT)
    assert entry.msgstr == SENT_EN and "fuzzy" not in entry.flags
    assert "reused: locales/en-GB/b.po:" in entry.comment
    assert CountingEngine.sentences == 0


def test_fuzzy_match_with_origin_diff_and_adapted_number(workdir: Path, engines: None) -> None:
    old = "Die Polizei hat am Montag in Berlin 12 Verdächtige festgenommen, teilte ein Sprecher mit."
    old_en = "Police arrested 12 suspects in Berlin on Monday, a spokesman said."
    catalog(Path("locales/en-GB/archiv/alt.po"), [("Wetter", "Weather", False), (old, old_en, False)])
    new_sentence = "Die Polizei hat am Dienstag in Berlin 15 Verdächtige festgenommen, teilte ein Sprecher mit."
    new = article(Path("neu.txt"), new_sentence, "Ein völlig anderer Satz ohne jede Ähnlichkeit.")
    code, _, err = run("translate", "--to", "en-GB", "--engine", "counting", str(new))
    assert code == 0, err
    assert "1 from similar sentences" in err
    assert CountingEngine.sentences == 1, "the dissimilar sentence alone went to MT"
    po = polib.pofile("locales/en-GB/neu.po")
    entry = po.find(new_sentence)
    assert "fuzzy" in entry.flags
    assert entry.msgstr == "Police arrested 15 suspects in Berlin on Tuesday, a spokesman said."
    notes = entry.comment.splitlines()
    lines = Path("locales/en-GB/archiv/alt.po").read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(lines) if t.startswith('"Die Polizei hat am Montag'))  # after 'msgid ""'
    assert lines[line - 1] == 'msgid ""'
    assert f"tm: 85 % from locales/en-GB/archiv/alt.po:{line}" in notes
    assert "tm: words that differ: Montag → Dienstag; 12 → 15" in notes
    assert "tm: adapted 12 → 15" in notes and "tm: adapted Monday → Tuesday" in notes
    assert not any(n.startswith("review:") for n in notes)
    other = po.find("Ein völlig anderer Satz ohne jede Ähnlichkeit.")
    assert "mt: counting" in other.comment or "mt: pseudo" in other.comment


def test_fuzzy_flags_a_value_it_cannot_place(workdir: Path) -> None:
    old = "Am 3. Oktober feiern die Menschen in ganz Deutschland den Tag der Deutschen Einheit mit Festen."
    catalog(Path("locales/en-GB/a.po"), [(old, "People all over Germany celebrate Unity Day with festivals.", False)])
    with Memory.open(Path("locales")) as memory:
        memory.update("en-GB")
        new = old.replace("3. Oktober", "4. Oktober")
        found = suggest(memory, EN, new)
    assert found is not None and found.kind == "fuzzy" and found.fuzzy
    assert found.msgstr == "People all over Germany celebrate Unity Day with festivals."
    assert any(n.startswith("review: tm: the source now says 4. Oktober") for n in found.notes), found.notes


def test_fuzzy_flags_a_weekday_the_translation_does_not_name(workdir: Path) -> None:
    old = "Die Minister treffen sich am Montag wieder in Brüssel, um über den Haushalt zu beraten."
    catalog(Path("locales/en-GB/a.po"), [(old, "The ministers meet again in Brussels to discuss the budget.", False)])
    with Memory.open(Path("locales")) as memory:
        memory.update("en-GB")
        found = suggest(memory, EN, old.replace("Montag", "Freitag"))
    assert found is not None and found.msgstr == "The ministers meet again in Brussels to discuss the budget."
    assert "review: tm: the source now says Freitag where the reused one said Montag; update the translation" in (
        found.notes
    )


def test_fuzzy_adapts_a_localised_amount(workdir: Path) -> None:
    old = "Der Konzern machte im vergangenen Jahr einen Gewinn von 3,5 Millionen Euro, wie er mitteilte."
    catalog(Path("locales/en-GB/a.po"), [(old, "The group made a profit of €3.5 million last year, it said.", False)])
    with Memory.open(Path("locales")) as memory:
        memory.update("en-GB")
        found = suggest(memory, EN, old.replace("3,5", "4,2"))
    assert found is not None
    assert found.msgstr == "The group made a profit of €4.2 million last year, it said.", found.notes


def test_no_fuzzy_below_threshold_from_machines_or_with_other_placeholders(workdir: Path) -> None:
    base = "Die Regierung in Berlin will das neue Gesetz noch vor der Sommerpause im Bundestag beschließen."
    catalog(Path("locales/en-GB/a.po"), [
        (base, "The government in Berlin wants to pass the new law in the Bundestag before the summer break.", False),
        ("Der Minister sprach am Abend lange mit den Journalisten über die Reform der Rente.",
         "machine draft", True),
    ])
    with Memory.open(Path("locales")) as memory:
        memory.update("en-GB")
        near = base.replace("Sommerpause", "Winterpause")
        assert suggest(memory, EN, near) is not None
        far = "Die Regierung in Paris will ein anderes Gesetz erst nach der Wahl im Senat beraten."
        assert suggest(memory, EN, far) is None, "below 75 % of the words: machine translation"
        draft_only = "Der Minister sprach am Abend lange mit den Journalisten über die Reform der Steuern."
        assert suggest(memory, EN, draft_only) is None, "similar only to a machine draft: not a fuzzy source"
        tagged = base.replace("Bundestag", "<1>Bundestag</1>")
        assert suggest(memory, EN, tagged) is None, "placeholders the old translation lacks: MT places them"


# ----------------------------------------------------------------------------- faults


@pytest.mark.parametrize("content", [b"this is not a database at all" * 200, b"SQLite format 3\x00" + b"\xff" * 4000])
def test_corrupt_database_is_reported_in_one_line_and_rebuilt_on_request(
    workdir: Path, engines: None, content: bytes
) -> None:
    catalog(Path("locales/en-GB/a.po"), [(SENT, SENT_EN, False)])
    db = db_path(Path("locales"))
    db.parent.mkdir(parents=True)
    db.write_bytes(content)
    new = article(Path("neu.txt"), SENT)
    code, out, err = run("translate", "--to", "en-GB", "--engine", "counting", str(new))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{db}: " in err and "transloc tm rebuild" in err
    assert not Path("locales/en-GB/neu.po").exists(), "nothing written"
    assert db.read_bytes() == content, "never silently replaced"
    assert run("tm", "rebuild")[0] == 0
    code, _, err = run("translate", "--to", "en-GB", "--engine", "counting", str(new))
    assert code == 0, err
    assert polib.pofile("locales/en-GB/neu.po").find(SENT).msgstr == SENT_EN


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    db = db_path(tmp_path / "locales")
    db.parent.mkdir(parents=True)
    other = sqlite3.connect(db)
    other.execute("CREATE TABLE customers (name TEXT)")
    other.commit()
    other.close()
    with pytest.raises(TranslocError) as info:
        Memory.open(tmp_path / "locales")
    assert "not transloc's translation memory" in str(info.value) and "tm rebuild" in str(info.value)
    with sqlite3.connect(db) as check:
        assert check.execute("SELECT name FROM sqlite_master").fetchall() == [("customers",)]


_OPEN_ON_SIGNAL = """
import os, sys, time
from pathlib import Path
from transloc.tm import Memory
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.001)
Memory.open(Path(sys.argv[1])).close()
"""


def test_processes_creating_the_index_at_once_all_open_it(tmp_path: Path) -> None:
    """The first run of several processes on a new locales folder: one creates the index, none mistakes
    the half-created file for a foreign database (the check and the creation share the write lock)."""
    import subprocess
    import sys

    for round_ in range(4):
        locales, go = tmp_path / f"locales{round_}", tmp_path / f"go{round_}"
        procs = [
            subprocess.Popen([sys.executable, "-c", _OPEN_ON_SIGNAL, str(locales), str(go)], stderr=subprocess.PIPE)
            for _ in range(6)
        ]
        go.touch()
        errors = [p.communicate(timeout=120)[1].decode() for p in procs]
        assert [p.returncode for p in procs] == [0] * 6, errors
        with sqlite3.connect(db_path(locales)) as check:
            assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_broken_catalog_in_the_archive_is_a_warning_not_a_stop(tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    catalog(locales / "en-GB" / "good.po", [(SENT, SENT_EN, False)])
    (locales / "en-GB" / "bad.po").write_text('msgid "unterminated\nmsgstr ""\n', encoding="utf-8")

    class Collect:
        def __init__(self) -> None:
            self.warnings: list[str] = []

        def progress(self, total: int, label: str) -> object:
            from transloc.report import QuietReporter

            return QuietReporter().progress(total, label)

        def warn(self, message: str) -> None:
            self.warnings.append(message)

    reporter = Collect()
    with Memory.open(locales) as memory:
        stats = memory.update("en-GB", reporter)
        assert (stats.indexed, stats.skipped) == (1, 1)
        assert memory.exact("en-GB", SENT) is not None
    assert len(reporter.warnings) == 1 and "bad.po" in reporter.warnings[0]


def test_settings_locales_folder_is_honoured(tmp_path: Path) -> None:
    settings = Settings(locales=tmp_path / "elsewhere")
    catalog(settings.locales / "en-GB" / "a.po", [(SENT, SENT_EN, False)])
    from transloc.pipeline import open_memory

    memory = open_memory(settings, EN)
    try:
        assert memory.exact("en-GB", SENT) is not None
    finally:
        memory.close()
    assert db_path(settings.locales).is_file()


# ----------------------------------------------------------------------------- concurrency (real processes)


def test_two_processes_update_the_memory_at_once(workdir: Path) -> None:
    import os
    import subprocess
    import sys

    for i in range(300):  # an archive neither process has indexed yet: both index it at the same time
        catalog(Path(f"locales/en-GB/archiv/{i // 50}/c{i}.po"),
                [(f"Archivsatz {i} Nummer {j} vom Tag.", f"Archive sentence {i}/{j}.", j % 2 == 0) for j in range(20)])
    for who in ("a", "b"):
        Path(who).mkdir()
        for k in range(6):
            article(Path(who) / f"{who}{k}.txt", f"Satz {k} nur im Artikel {who.upper()}{k}, Teil eins.",
                    f"Noch ein Satz {k} von {who.upper()}.")
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "transloc", "translate", "--to", "en-GB", "--engine", "pseudo",
             *sorted(str(p) for p in Path(who).glob("*.txt"))],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        for who in ("a", "b")
    ]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    truth = []
    for path in Path("locales/en-GB").rglob("*.po"):
        rel = path.relative_to("locales").as_posix()
        for e in polib.pofile(str(path)):
            if e.msgstr and not e.obsolete:
                truth.append((rel, e.msgid, e.msgstr, "fuzzy" not in e.flags))
    assert len(truth) == 300 * 20 + 12 * 2
    with Memory.open(Path("locales")) as memory:
        assert memory.integrity() == "ok"
        indexed = [(u.path, u.msgid, u.msgstr, u.reviewed) for u in memory.units("en-GB", include_fuzzy=True)]
        assert sorted(indexed) == sorted(truth), "no entry lost, none duplicated or stale"
        assert memory.update("en-GB").indexed == 0, "both processes left the index up to date"


def test_first_run_indexes_the_archive_once_with_a_progress_bar(workdir: Path) -> None:
    import os
    import time

    from transloc import pipeline
    from transloc.mt.pseudo import PseudoEngine
    from transloc.report import QuietReporter

    for i in range(25):  # an archive from last week
        path = catalog(Path(f"locales/en-GB/archiv/c{i}.po"), [(f"Archivsatz {i}.", f"Archive sentence {i}.", False)])
        os.utime(path, (time.time() - 7 * 86400,) * 2)

    class Recording(QuietReporter):
        def __init__(self) -> None:
            super().__init__()
            self.bars: list[tuple[int, str]] = []

        def progress(self, total: int, label: str) -> Any:
            self.bars.append((total, label))
            return super().progress(total, label)

    settings = Settings(locales=Path("locales"), out=Path("build"))
    first, second = Recording(), Recording()
    for name, reporter in (("eins", first), ("zwei", second)):
        new = article(Path(f"{name}.txt"), "Archivsatz 7.", f"Ganz neu: {name}.")
        pipeline.translate([new], EN, settings, PseudoEngine, reporter=reporter)
    assert (25, "Indexing translation memory (en-GB)") in first.bars
    assert not any(label.startswith("Indexing") and total > 1 for total, label in second.bars), second.bars
    entry = polib.pofile("locales/en-GB/zwei.po").find("Archivsatz 7.")
    assert entry.msgstr == "Archive sentence 7." and "fuzzy" not in entry.flags


def test_index_corrupted_inside_is_a_one_line_error(workdir: Path, engines: None) -> None:
    for i in range(40):
        catalog(Path(f"locales/en-GB/c{i}.po"),
                [(f"Ein Satz Nummer {i} und {j} aus dem Archiv.", f"Sentence {i}/{j}.", False) for j in range(30)])
    with Memory.open(Path("locales")) as memory:
        memory.update("en-GB")
        memory.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db = db_path(Path("locales"))
    data = bytearray(db.read_bytes())
    page = 4096
    assert len(data) > 20 * page
    data[2 * page :] = b"\x5a" * (len(data) - 2 * page)  # header and schema intact, every table page garbage
    db.write_bytes(bytes(data))
    new = article(Path("neu.txt"), "Ein Satz Nummer 3 und 4 aus dem Archiv.")
    code, out, err = run("translate", "--to", "en-GB", "--engine", "counting", str(new))
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    assert str(db) in err and "transloc tm rebuild" in err
    assert run("tm", "rebuild")[0] == 0
    code, _, err = run("translate", "--to", "en-GB", "--engine", "counting", str(new))
    assert code == 0, err
    entry = polib.pofile("locales/en-GB/neu.po").find("Ein Satz Nummer 3 und 4 aus dem Archiv.")
    assert entry.msgstr == "Sentence 3/4."
