"""End to end through the CLI with the pseudo engine: translate, extract, build, status, bad input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup

from engines import CountingEngine, InterruptingEngine
from support import msgfmt_available
from support import run_cli as run
from transloc import pipeline
from transloc.config import Settings
from transloc.mt import ENGINES

PO = Path("locales/en/news.de-nuklearpakt.po")


def shell(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "transloc", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120
    )


@pytest.fixture
def engines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(ENGINES, "counting", "engines:CountingEngine")
    monkeypatch.setitem(ENGINES, "interrupting", "engines:InterruptingEngine")
    CountingEngine.calls = CountingEngine.sentences = 0


def test_translate_pseudo_writes_catalog_and_edition(workdir: Path, example: Path) -> None:
    code, out, err = run("translate", "--to", "en", "--engine", "pseudo", str(example))
    assert code == 0, err
    po = polib.pofile(str(PO))
    entries = [e for e in po if not e.obsolete]
    assert len(entries) > 30
    assert all("fuzzy" in e.flags and "mt: pseudo" in e.comment for e in entries)
    assert all(e.msgstr.startswith("[") for e in entries)
    # references resolve from the catalog's folder (the article lies outside the project folder here)
    assert all(e.occurrences and (PO.parent / e.occurrences[0][0]).resolve() == example.resolve() for e in entries)
    assert po.metadata["X-Poedit-Basepath"] == "." and po.metadata["X-Transloc-Source"] == f"../src/{example.name}"
    assert "block: headline" in po.find('Wladimir Putin: "Geheimer Nuklearpakt" mit Nordkorea!', by="msgid").comment \
        or "block: headline" in entries[1].comment
    assert po.metadata["Language"] == "en" and po.metadata["X-Generator"].startswith("transloc")
    html = Path("build/en/news.de-nuklearpakt.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "en"
    assert soup.find("h1").get_text().startswith("[")
    assert "Bild: picture alliance/dpa/KCNA/KNS | Uncredited" in soup.find("figcaption").get_text()
    txt = Path("build/en/news.de-nuklearpakt.txt").read_text(encoding="utf-8")
    assert "/fka/news.de/dpa" in txt and "Wladimir Putin paktiert" not in txt
    assert "build/en/news.de-nuklearpakt.html" in out
    if msgfmt_available():
        subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(PO)], check=True)


def test_second_run_makes_no_mt_calls_and_keeps_human_translation(workdir: Path, example: Path, engines: None) -> None:
    assert run("translate", "--to", "en", "--engine", "counting", str(example))[0] == 0
    first = CountingEngine.sentences
    assert first > 30
    po = polib.pofile(str(PO))
    entry = po.find("Politik")
    entry.msgstr, entry.flags = "Politics", []
    po.save(str(PO))
    assert run("translate", "--to", "en", "--engine", "counting", str(example))[0] == 0
    assert CountingEngine.sentences == first, "nothing new: no sentence sent to MT"
    assert polib.pofile(str(PO)).find("Politik").msgstr == "Politics"
    # source changes: only the new sentence goes to MT, the human translation stays
    example.write_text(example.read_text(encoding="utf-8").replace("Themen", "Themen\n\nEin ganz neuer Satz."))
    assert run("translate", "--to", "en", "--engine", "counting", str(example))[0] == 0
    assert CountingEngine.sentences == first + 1
    po = polib.pofile(str(PO))
    assert po.find("Politik").msgstr == "Politics" and "fuzzy" not in po.find("Politik").flags
    assert "Politics" in Path("build/en/news.de-nuklearpakt.txt").read_text(encoding="utf-8")


def test_translation_memory_reuses_other_catalogs(workdir: Path, example: Path, engines: None) -> None:
    assert run("translate", "--to", "en", "--engine", "counting", str(example))[0] == 0
    twin = example.with_name("zwilling.txt")
    twin.write_text("Politik\n\nEin neuer Satz, den es nur hier gibt.\n", encoding="utf-8")
    before = CountingEngine.sentences
    code, _, err = run("translate", "--to", "en", "--engine", "counting", str(twin))
    assert code == 0, err
    assert CountingEngine.sentences == before + 1
    entry = polib.pofile("locales/en/zwilling.po").find("Politik")
    assert entry.msgstr.startswith("[") and "fuzzy" in entry.flags
    assert "reused: locales/en/news.de-nuklearpakt.po:" in entry.comment


def test_extract_merges_like_msgmerge(workdir: Path, example: Path) -> None:
    assert run("extract", "--to", "en", str(example))[0] == 0
    po = polib.pofile(str(PO))
    assert all(not e.msgstr for e in po)
    sentence = "Zudem soll Moskau den Verkauf von Artilleriegeschossen und Raketen sowie gemeinsame Militärübungen " \
        "vorgeschlagen haben."
    gone = "Das ist ein Zeichen für eine sehr gefährliche Entwicklung\", sagte Shoemaker weiter."
    po.find(sentence).msgstr = "Moscow is also said to have proposed selling artillery shells and missiles."
    po.find(gone).msgstr = "That is a sign of a very dangerous development,\" Shoemaker continued."
    po.save(str(PO))
    text = example.read_text(encoding="utf-8")
    example.write_text(text.replace("sowie gemeinsame", "und gemeinsame").replace(gone, "Ganz anders."))
    code, out, _ = run("extract", "--to", "en", str(example))
    assert code == 0 and "1 fuzzy-matched" in out and "1 obsolete" in out
    po = polib.pofile(str(PO))
    changed = po.find(sentence.replace("sowie gemeinsame", "und gemeinsame"))
    assert "fuzzy" in changed.flags and changed.previous_msgid == sentence
    assert changed.msgstr.startswith("Moscow is also said")
    assert [e.msgid for e in po.obsolete_entries()] == [gone]


def test_interrupted_run_keeps_finished_batches_and_resumes(workdir: Path, example: Path, engines: None) -> None:
    InterruptingEngine.allowed = 1
    code, _, err = run("translate", "--to", "en", "--engine", "interrupting", "--batch-size", "10", str(example))
    assert code == 130 and "interrupted" in err
    po = polib.pofile(str(PO))
    done = [e for e in po if e.msgstr]
    assert len(done) == 10 and len(po) > 10
    assert run("translate", "--to", "en", "--engine", "counting", str(example))[0] == 0
    assert CountingEngine.sentences == len(po) - 10


def test_build_policies(workdir: Path, example: Path) -> None:
    assert run("translate", "--to", "en", "--engine", "pseudo", str(example))[0] == 0
    html = Path("build/en/news.de-nuklearpakt.html")
    # reviewed-only: machine drafts are not used
    assert run("build", "--to", "en", "--reviewed-only", str(example))[0] == 0
    assert "Wladimir Putin paktiert" in html.read_text(encoding="utf-8")
    # threshold: refuses and writes nothing new
    html.unlink()
    code, _, err = run("build", "--to", "en", "--reviewed-only", "--threshold", "50", str(example))
    assert code == 1 and "below --threshold" in err and not html.exists()
    # a msgstr whose placeholders do not match is not used; escaped text otherwise
    po = polib.pofile(str(PO))
    po.find("Politik").msgstr = "<script>alert(1)</script> Politics"
    head = po.find("Themen")
    head.msgstr = "Topics <1>"
    po.save(str(PO))
    code, _, err = run("build", "--to", "en", str(example))
    assert code == 0
    line = polib.pofile(str(PO)).find("Themen").linenum
    assert f"{PO}:{line}: warning: " in err and "kept" in err
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    assert soup.find("script") is None
    assert "<script>alert(1)</script> Politics" in soup.get_text()
    assert "Themen" in soup.find("footer").get_text()
    assert run("build", "--to", "en", "--strict", str(example))[0] == 1


def test_status_reports_counts(workdir: Path, example: Path) -> None:
    run("extract", "--to", "en", str(example))
    code, out, _ = run("status")
    assert code == 0
    row = [line for line in out.splitlines() if "news.de-nuklearpakt.po" in line][0].split()
    total = len(polib.pofile(str(PO)))
    assert row[1:5] == ["en", "0", "0", str(total)]


def test_help_for_every_command() -> None:
    for command in ([], ["translate"], ["extract"], ["build"], ["status"], ["check"]):
        code, out, _ = run(*command, "--help")
        assert code == 0 and "Usage:" in out
    assert "--engine" in run("translate", "--help")[1] and "--threshold" in run("build", "--help")[1]


def test_progress_bar_quiet_when_piped(workdir: Path, example: Path) -> None:
    code, out, err = run("translate", "--to", "en", "--engine", "pseudo", str(example))
    assert code == 0 and "%" not in err and "[#" not in err


BAD_INPUTS = {
    "missing": None,
    "empty": b"   \n",
    "binary": bytes(range(256)) * 4,
}


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_bad_article_is_one_line_no_traceback(tmp_path: Path, kind: str) -> None:
    article = tmp_path / f"{kind}.txt"
    if BAD_INPUTS[kind] is not None:
        article.write_bytes(BAD_INPUTS[kind])
    proc = shell("translate", "--to", "en", "--engine", "pseudo", str(article), cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(article) in lines[0] and "Traceback" not in proc.stderr
    assert not (tmp_path / "locales").exists()


def test_broken_po_stops_before_writing_anything(tmp_path: Path, example: Path) -> None:
    broken = tmp_path / "locales" / "en" / "src" / f"{example.stem}.po"
    broken.parent.mkdir(parents=True)
    broken.write_text('msgid "a"\nmsgstr "b"\nfoo\n', encoding="utf-8")
    proc = shell("translate", "--to", "en", "--engine", "pseudo", str(example), cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0 and "locales/en/src/news.de-nuklearpakt.po" in proc.stderr
    assert "line 3" in proc.stderr
    assert broken.read_text(encoding="utf-8") == 'msgid "a"\nmsgstr "b"\nfoo\n'
    assert not (tmp_path / "build" / "en" / "src").exists()


def test_broken_po_affects_only_its_own_article(tmp_path: Path, example: Path) -> None:
    """One broken catalog: the other articles are translated and built, status shows an error row,
    the run ends with a summary naming the file, exit 2."""
    site = tmp_path / "site"
    for name in ("a", "b", "c"):
        (site / name).mkdir(parents=True)
        (site / name / "n.txt").write_text(f"Politik\n\nDer Artikel {name} hat einen Satz.\n", encoding="utf-8")
    assert shell("extract", "--to", "en", "site/b/n.txt", cwd=tmp_path).returncode == 0
    broken = tmp_path / "locales" / "en" / "site" / "b" / "n.po"
    text = broken.read_text(encoding="utf-8") + 'msgid "x"\nfoo\n'
    broken.write_text(text, encoding="utf-8")
    articles = ["site/a/n.txt", "site/b/n.txt", "site/c/n.txt"]
    proc = shell("translate", "--to", "en", "--engine", "pseudo", *articles, cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert "1 of 3 article(s)" in last and "locales/en/site/b/n.po" in last
    assert broken.read_text(encoding="utf-8") == text
    for name in ("a", "c"):
        po = polib.pofile(str(tmp_path / "locales" / "en" / "site" / name / "n.po"))
        assert all(e.msgstr for e in po)
        assert "[" in (tmp_path / "build" / "en" / "site" / name / "n.html").read_text(encoding="utf-8")
    assert not (tmp_path / "build" / "en" / "site" / "b").exists()
    # build and extract: the same isolation
    proc = shell("build", "--to", "en", *articles, cwd=tmp_path)
    assert proc.returncode == 2 and "build/en/site/a/n.html" in proc.stdout and "build/en/site/c/n.html" in proc.stdout
    assert "locales/en/site/b/n.po" in proc.stderr.strip().splitlines()[-1]
    proc = shell("extract", "--to", "en", *articles, cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout.count(".po:") == 2
    # status: an error row for the broken file, the others counted, a summary naming it
    proc = shell("status", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    rows = {line.split()[0]: line for line in proc.stdout.splitlines()[1:]}
    assert "error: line" in rows["locales/en/site/b/n.po"]
    assert rows["locales/en/site/a/n.po"].split()[1:5] == ["en", "0", "2", "0"]
    assert "locales/en/site/b/n.po" in proc.stderr
    proc = shell("status", "--format", "json", cwd=tmp_path)
    rows_json = {r["path"]: r for r in json.loads(proc.stdout)}
    assert proc.returncode == 2 and "line" in rows_json["locales/en/site/b/n.po"]["error"]
    assert rows_json["locales/en/site/c/n.po"]["fuzzy"] == 2
    # a broken catalog of another article does not stop translation memory either
    (tmp_path / "d.txt").write_text("Politik\n\nDer Artikel d hat einen Satz.\n", encoding="utf-8")
    proc = shell("translate", "--to", "en", "--engine", "pseudo", "d.txt", cwd=tmp_path)
    assert proc.returncode == 0 and "not used as translation memory" in proc.stderr


def test_unwritable_output_folder(tmp_path: Path, example: Path) -> None:
    if os.geteuid() == 0:
        blocker = tmp_path / "out"
        blocker.write_text("a file where a folder should be")  # root ignores permissions; a file still blocks
        out = blocker
    else:
        out = tmp_path / "ro"
        out.mkdir()
        out.chmod(0o500)
    proc = shell("translate", "--to", "en", "--engine", "pseudo", "--out", str(out), str(example), cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(out) in lines[0]
    leftovers = [p for p in tmp_path.rglob("*.tmp")]
    assert leftovers == []


def test_unknown_engine_and_language_are_one_line(tmp_path: Path, example: Path) -> None:
    proc = shell("translate", "--to", "en", "--engine", "nope", str(example), cwd=tmp_path)
    assert proc.returncode == 2 and "unknown engine 'nope'" in proc.stderr and "pseudo" in proc.stderr
    proc = shell("translate", "--to", "xx-QQ-nonsense", "--engine", "pseudo", str(example), cwd=tmp_path)
    assert proc.returncode == 2 and "unknown target language" in proc.stderr


def test_library_api_without_cli(workdir: Path, example: Path) -> None:
    from transloc.mt.pseudo import PseudoEngine

    settings = Settings(locales=workdir / "cat", out=workdir / "ed")
    target = pipeline.target_locale("fr", settings)
    result = pipeline.translate([example], target, settings, lambda: PseudoEngine())
    assert result.fill.machine > 30 and result.builds[0].outputs
    assert (workdir / "ed" / "fr" / f"{example.stem}.html").exists()
    from babel.messages.plurals import get_plural

    expected = get_plural("fr")  # CLDR's rule for the installed Babel: it changed in Babel 2.19
    forms = polib.pofile(str(workdir / "cat" / "fr" / f"{example.stem}.po")).metadata["Plural-Forms"]
    assert forms == f"nplurals={expected.num_plurals}; plural={expected.plural_expr};"


def test_main_module_runs() -> None:
    assert shutil.which(sys.executable)


def test_extract_reports_html_coverage(workdir: Path, corpus: Path) -> None:
    import re

    page = corpus / "html" / "heise.de.lithium.html"
    code, out, _ = run("extract", "--to", "en", str(page))
    assert code == 0
    match = re.search(r"coverage (\d+\.\d)% of the visible text", out)
    assert match and float(match.group(1)) >= 99.0


def test_progress_bars_on_a_terminal_for_several_files(
    workdir: Path, example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import transloc.cli as cli

    second = example.with_name("zweiter.txt")
    second.write_text("Politik\n\nEin zweiter Artikel mit einem Satz.\n", encoding="utf-8")
    code, _, piped = run("translate", "--to", "en", "--engine", "pseudo", str(example), str(second))
    assert code == 0 and "Reading articles" not in piped and "Translating" not in piped
    monkeypatch.setattr(cli.ClickReporter, "__init__", lambda self: setattr(self, "tty", True))
    code, _, terminal = run("translate", "--to", "en", "--engine", "pseudo", str(example), str(second))
    assert code == 0
    assert "Reading articles (en)" in terminal and "Building (en)" in terminal
    # nothing left to machine-translate on the second run, so no MT bar
    assert "Translating" not in terminal


def test_amp_twin_filled_from_memory_is_saved_and_built(workdir: Path, corpus: Path, engines: None) -> None:
    """cp a.html a-amp.html; translate both: the twin needs no MT, but its catalog must be saved and built."""
    from transloc.document.html import visible_text

    shutil.copy(corpus / "html" / "rnz.de.witzel.html", "a.html")
    shutil.copy("a.html", "a-amp.html")
    code, _, err = run("translate", "--to", "en", "--engine", "counting", "a.html", "a-amp.html")
    assert code == 0, err
    first, twin = polib.pofile("locales/en/a.po"), polib.pofile("locales/en/a-amp.po")
    active = [e for e in twin if not e.obsolete]
    assert len(active) == len([e for e in first if not e.obsolete]) > 50
    assert all(e.msgstr for e in active) and all(any(n.startswith("reused:") for n in e.comment.splitlines())
                                                 for e in active)
    assert CountingEngine.sentences == len(active)  # each sentence went through MT once
    assert f"{len(active)} reused" in err
    source_text = visible_text(Path("a.html").read_text(encoding="utf-8"))
    built = visible_text(Path("build/en/a-amp.html").read_text(encoding="utf-8"))
    assert built == visible_text(Path("build/en/a.html").read_text(encoding="utf-8")) != source_text
    # the next run has nothing to do and leaves the twin as it is
    before = Path("locales/en/a-amp.po").read_text(encoding="utf-8")
    CountingEngine.sentences = 0
    assert run("translate", "--to", "en", "--engine", "counting", "a.html", "a-amp.html")[0] == 0
    assert CountingEngine.sentences == 0
    assert [e.msgstr for e in polib.pofile("locales/en/a-amp.po")] == [e.msgstr for e in active]
    assert len(before) > 1000
