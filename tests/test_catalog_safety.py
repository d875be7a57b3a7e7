"""Catalogs are byte-stable, keep their charset, and refuse to lose or hide anyone's work (real processes,
real gettext tools)."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from transloc.catalog import load_catalog, save_catalog
from transloc.errors import TranslocError

ARTICLE = (
    "Politik\n\n"
    "Die Bundesregierung hat am Montag in Berlin neue Regeln für die Zusammenarbeit der Länder beschlossen, "
    "die ab dem kommenden Jahr gelten sollen.\n\n"
    "Der Minister sagte, die „Kosten“ – rund 3,5 Mrd. € – seien tragbar. "
    "Kritiker sprechen von einem Schritt in die falsche Richtung.\n\n"
    "Die Opposition kündigte Widerstand im Bundestag an.\n"
)
LATIN1_ARTICLE = "Politik\n\nGrüße aus München.\n\nDie Opposition kündigte Widerstand im Bundestag an.\n"
GLOSSARY = "de,en\nBundesregierung,Federal Government of the Federal Republic of Germany and all of its ministries\n"
needs_gettext = pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext tools not installed")


def transloc(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "transloc", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=180
    )


def one_line_error(run: subprocess.CompletedProcess[str]) -> str:
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    return lines[0]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "bericht.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "glossar.csv").write_text(GLOSSARY, encoding="utf-8")
    return tmp_path


def files(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
        for folder in ("locales", "build")
        for p in (root / folder).rglob("*")
        if p.is_file() and ".tm" not in p.parts
    }


def translate(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    run = transloc("translate", "--to", "en", "--engine", "pseudo", *extra, "bericht.txt", cwd=project)
    assert run.returncode == 0, run.stderr
    return run


@needs_gettext
def test_rerun_on_unchanged_input_touches_no_file(project: Path) -> None:
    translate(project, "--glossary", "glossar.csv")
    po_path = project / "locales" / "en" / "bericht.po"
    text = po_path.read_text(encoding="utf-8")
    long_comments = [line for line in text.splitlines() if line.startswith("#. glossary:") and len(line) > 79]
    assert long_comments, "the glossary note must be longer than a PO line for this test to mean something"
    before = files(project)
    assert len(before) >= 2
    glossary = ["--glossary", "glossar.csv"]
    for command in (["translate", "--engine", "pseudo", *glossary], ["extract", *glossary], ["build"]):
        run = transloc(command[0], "--to", "en", *command[1:], "bericht.txt", cwd=project)
        assert run.returncode == 0, run.stderr
        assert files(project) == before, f"`transloc {command[0]}` rewrote a file"
    # comments are never duplicated, however long
    for entry in polib.pofile(str(po_path)):
        lines = entry.comment.splitlines()
        assert len(lines) == len(set(lines)), entry.comment
    # gettext's own tools reproduce the file byte for byte
    data = po_path.read_bytes()
    assert subprocess.run(["msgcat", str(po_path)], capture_output=True, check=True).stdout == data
    merged = subprocess.run(["msgmerge", "-q", "--previous", str(po_path), str(po_path)], capture_output=True)
    assert merged.stdout == data


@needs_gettext
def test_file_rewritten_by_gettext_tools_comes_back_unchanged(project: Path) -> None:
    translate(project)
    po_path = project / "locales" / "en" / "bericht.po"
    # a reviewer approves one entry by hand and the file goes through msgmerge -U, as Poedit and Weblate do
    po = polib.pofile(str(po_path))
    entry = [e for e in po if not e.obsolete][1]
    entry.msgstr, entry.flags = "Reviewed by a person.", []
    po.save()
    subprocess.run(["msgmerge", "-q", "--previous", "-U", "--backup=none", str(po_path), str(po_path)], check=True)
    subprocess.run(["msgcat", "-o", str(po_path), str(po_path)], check=True)
    tool_bytes, tool_mtime = po_path.read_bytes(), po_path.stat().st_mtime_ns
    translate(project)
    assert po_path.read_bytes() == tool_bytes and po_path.stat().st_mtime_ns == tool_mtime
    assert load_catalog(po_path).find(entry.msgid).msgstr == "Reviewed by a person."


def test_revision_date_moves_only_when_an_entry_changes(project: Path) -> None:
    translate(project)
    po_path = project / "locales" / "en" / "bericht.po"
    text = re.sub(r'"PO-Revision-Date: [^"]*\\n"', '"PO-Revision-Date: 2001-01-01 00:00+0000\\\\n"',
                  po_path.read_text(encoding="utf-8"))  # fmt: skip
    po_path.write_text(text, encoding="utf-8")
    translate(project)
    assert load_catalog(po_path).metadata["PO-Revision-Date"] == "2001-01-01 00:00+0000"
    (project / "bericht.txt").write_text(ARTICLE + "\nEin neuer Satz kam hinzu.\n", encoding="utf-8")
    translate(project)
    po = load_catalog(po_path)
    assert po.metadata["PO-Revision-Date"] != "2001-01-01 00:00+0000"
    assert po.find("Ein neuer Satz kam hinzu.").msgstr


def test_duplicate_msgids_are_reported_with_both_lines_and_nothing_is_merged_away(project: Path) -> None:
    translate(project)
    po_path = project / "locales" / "en" / "bericht.po"
    text = po_path.read_text(encoding="utf-8")
    text += '\nmsgid "Die Opposition kündigte Widerstand im Bundestag an."\nmsgstr "The opposition objects."\n'
    text += '\nmsgid "Die Opposition kündigte Widerstand im Bundestag an."\nmsgstr "Opposition announced resistance."\n'
    po_path.write_text(text, encoding="utf-8")
    before = files(project)
    lines = text.splitlines()
    first, second = [i + 1 for i, line in enumerate(lines) if line.startswith('msgid "Die Opposition')][:2]
    line = one_line_error(transloc("translate", "--to", "en", "--engine", "pseudo", "bericht.txt", cwd=project))
    assert f"bericht.po:{first}" in line and f"bericht.po:{second}" in line and "duplicate" in line
    assert files(project) == before  # neither translation was dropped
    line = one_line_error(transloc("extract", "--to", "en", "bericht.txt", cwd=project))
    assert f"bericht.po:{second}" in line and files(project) == before


def test_catalog_keeps_its_declared_encoding_through_a_run(project: Path) -> None:
    (project / "bericht.txt").write_text(LATIN1_ARTICLE, encoding="utf-8")
    translate(project)
    po_path = project / "locales" / "en" / "bericht.po"
    po = load_catalog(po_path)
    po.metadata["Content-Type"] = "text/plain; charset=ISO-8859-1"
    entry = po.find("Die Opposition kündigte Widerstand im Bundestag an.")
    entry.msgstr, entry.flags = "L'opposition annonça sa résistance au Bundestag.", []
    for e in po:  # the pseudo engine writes characters latin-1 lacks; a person replaced them all
        if e is not entry and not e.obsolete:
            e.msgstr = "Übersetzt."
    po_path.write_bytes(polib.POFile.__unicode__(po).encode("latin-1"))
    (project / "bericht.txt").write_text(LATIN1_ARTICLE + "\nÄrger über Gebühren.\n", encoding="utf-8")
    run = transloc("extract", "--to", "en", "bericht.txt", cwd=project)
    assert run.returncode == 0, run.stderr
    data = po_path.read_bytes()
    assert b"charset=ISO-8859-1" in data
    assert "résistance".encode("latin-1") in data and "Ärger".encode("latin-1") in data
    assert "résistance".encode() not in data
    assert load_catalog(po_path).find(entry.msgid).msgstr == entry.msgstr
    # machine output with characters latin-1 cannot hold: the file becomes UTF-8, header included
    translate(project)
    data = po_path.read_bytes()
    assert b"charset=UTF-8" in data and "résistance".encode() in data
    assert load_catalog(po_path).find(entry.msgid).msgstr == entry.msgstr


def test_unknown_charset_is_a_one_line_error(project: Path) -> None:
    translate(project)
    po_path = project / "locales" / "en" / "bericht.po"
    po_path.write_text(po_path.read_text(encoding="utf-8").replace("charset=UTF-8", "charset=KLINGON-1"), "utf-8")
    before = files(project)
    line = one_line_error(transloc("extract", "--to", "en", "bericht.txt", cwd=project))
    assert str(Path("locales/en/bericht.po")) in line and "KLINGON-1" in line and "UTF-8" in line
    assert files(project) == before
    with pytest.raises(TranslocError, match="KLINGON-1"):
        load_catalog(po_path)


def test_read_only_catalog_is_refused_not_replaced(project: Path) -> None:
    translate(project)
    po_path = project / "locales" / "en" / "bericht.po"
    (project / "bericht.txt").write_text(ARTICLE + "\nEin neuer Satz kam hinzu.\n", encoding="utf-8")
    po_path.chmod(0o444)
    before = files(project)
    try:
        line = one_line_error(transloc("translate", "--to", "en", "--engine", "pseudo", "bericht.txt", cwd=project))
        assert "read-only" in line and "bericht.po" in line and "chmod" in line
        assert files(project)["locales/en/bericht.po"] == before["locales/en/bericht.po"]
        assert stat.S_IMODE(po_path.stat().st_mode) == 0o444
        # unchanged input needs no write, so a read-only catalog is fine for a plain rerun of build
        assert transloc("build", "--to", "en", "bericht.txt", cwd=project).returncode == 0
    finally:
        po_path.chmod(0o644)


def test_edit_saved_on_disk_meanwhile_wins_over_machine_output(tmp_path: Path) -> None:
    """Unit level: the run holds a catalog in memory, a person saves the file, the run saves."""
    path = tmp_path / "a.po"
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
    for i in range(4):
        po.append(polib.POEntry(msgid=f"Satz {i}.", msgstr=""))
    save_catalog(po, path)
    ours = load_catalog(path)
    theirs = polib.pofile(str(path))
    theirs.find("Satz 0.").msgstr = "Sentence zero (human)."
    theirs.find("Satz 3.").msgstr, theirs.find("Satz 3.").tcomment = "Sentence three (human).", "checked"
    theirs.append(polib.POEntry(msgid="Von Hand.", msgstr="By hand."))  # added by hand; not in the source
    theirs.save()
    for entry in ours:
        entry.msgstr, entry.flags = f"[machine {entry.msgid}]", ["fuzzy"]
    assert save_catalog(ours, path)
    result = load_catalog(path)
    assert result.find("Satz 0.").msgstr == "Sentence zero (human)." and "fuzzy" not in result.find("Satz 0.").flags
    assert result.find("Satz 3.").tcomment == "checked"
    assert result.find("Satz 1.").msgstr == "[machine Satz 1.]"
    assert [e.msgstr for e in result if e.msgid == "Von Hand."] == ["By hand."]


def test_comment_pieces_left_by_the_old_wrapping_are_mended(project: Path) -> None:
    translate(project, "--glossary", "glossar.csv")
    po_path = project / "locales" / "en" / "bericht.po"
    canonical = po_path.read_text(encoding="utf-8")
    # what transloc used to write: polib wraps long "#." lines, which came back doubled on every run
    old_style = str(polib.pofile(str(po_path), wrapwidth=78))
    assert old_style.count("\n#. ") > canonical.count("\n#. ")
    po_path.write_text(old_style, encoding="utf-8")
    for _ in range(2):
        run = transloc("extract", "--to", "en", "--glossary", "glossar.csv", "bericht.txt", cwd=project)
        assert run.returncode == 0, run.stderr

    def entries(text: str) -> str:  # polib also reorders header fields; the entries are what matter here
        return text.split("\n\n", 1)[1]

    assert entries(po_path.read_text(encoding="utf-8")) == entries(canonical)


def test_bytes_that_are_not_the_declared_charset_are_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    path.write_bytes(header.encode() + 'msgid "Grüße"\nmsgstr "Greetings"\n'.encode("latin-1"))
    with pytest.raises(TranslocError) as info:
        load_catalog(path)
    message = str(info.value)
    assert message.startswith(str(path)) and "line 4" in message and "UTF-8" in message and "\n" not in message
    # the same bytes under a header that declares them are fine (a one-line header counts)
    path.write_bytes(header.replace("UTF-8", "ISO-8859-1").encode() + 'msgid "Grüße"\nmsgstr "x"\n'.encode("latin-1"))
    assert load_catalog(path).find("Grüße").msgstr == "x"
