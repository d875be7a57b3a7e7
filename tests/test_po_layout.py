"""transloc writes PO files exactly as GNU gettext does, checked against the real msgcat and msgmerge."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from po_samples import catalog
from transloc.catalog import load_catalog, new_catalog, save_catalog
from transloc.catalog_io import parse
from transloc.localise.locales import parse_locale
from transloc.po_layout import po_text, wrap_string

pytestmark = pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext tools not installed")


def gettext(*args: str) -> bytes:
    run = subprocess.run(list(args), capture_output=True)
    assert run.returncode == 0, run.stderr.decode()
    return run.stdout


@pytest.mark.parametrize("seed", range(8))
def test_generated_catalogs_are_what_msgcat_and_msgmerge_write(tmp_path: Path, seed: int) -> None:
    po = catalog(seed, count=400)
    path = tmp_path / "x.po"
    path.write_bytes(po_text(po).encode("utf-8"))
    ours = path.read_bytes()
    assert ours.count(b"\n") > 1000  # long lines, multi-line msgids, plurals, obsolete entries, #| …
    assert b"\n#| msgid" in ours and b"\n#~ msgid" in ours and b"msgstr[1]" in ours and b"no-wrap" in ours
    assert gettext("msgcat", str(path)) == ours
    assert gettext("msgmerge", "--quiet", "--previous", str(path), str(path)) == ours
    # transloc reads it back to the same file, so nothing changes on the next run
    assert po_text(parse(ours, path)).encode("utf-8") == ours


def test_plain_msgmerge_round_trips_a_catalog_without_previous_msgids(tmp_path: Path) -> None:
    po = catalog(99, count=300)
    for entry in po:
        entry.previous_msgid = None
    path = tmp_path / "x.po"
    path.write_bytes(po_text(po).encode("utf-8"))
    assert gettext("msgmerge", "--quiet", str(path), str(path)) == path.read_bytes()


def test_wrapping_follows_gettext_rules() -> None:
    # 79 columns counting the whole line; a break after a space keeps the space on the first line
    words = "Die Bundesregierung hat am Montag in Berlin neue Regeln für die Zusammenarbeit beschlossen."
    lines = wrap_string("", "msgid", words)
    assert lines[0] == 'msgid ""'
    assert all(len(line) <= 79 for line in lines)
    assert "".join(line[1:-1] for line in lines[1:]) == words
    assert lines[1].endswith(' "')
    # short strings stay on one line; embedded newlines start a new line after "\n"
    assert wrap_string("", "msgstr", "kurz") == ['msgstr "kurz"']
    assert wrap_string("", "msgid", "eins\nzwei") == ['msgid ""', '"eins\\n"', '"zwei"']
    # a word longer than a line is not cut
    long_word = "x" * 100
    assert wrap_string("#~ ", "msgid", long_word) == [f'#~ msgid "{long_word}"']


def test_header_and_special_entries_match_msgcat(tmp_path: Path) -> None:
    po = new_catalog(parse_locale("ar"), "transloc sehr-langer-artikelname-mit-vielen-woertern.html")
    po.header = "German → Arabic\nCopyright (C) 2026 the newsroom"
    po.append(polib.POEntry(msgid="Ein Hund.", msgid_plural="%d Hunde.", msgstr_plural={i: f"{i}" for i in range(6)}))
    po.append(polib.POEntry(msgid="Alt.", msgstr="Old.", obsolete=True, flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Leer.", msgstr="", flags=["fuzzy"]))  # gettext drops fuzzy on empty msgstr
    po.append(polib.POEntry(msgid="Weg.", msgstr="", obsolete=True))  # and obsolete entries without msgstr
    path = tmp_path / "ar.po"
    path.write_bytes(po_text(po).encode("utf-8"))
    text = path.read_text(encoding="utf-8")
    assert "#, fuzzy\nmsgid \"Leer.\"" not in text and "Weg." not in text
    assert "msgstr[5]" in text and "#~ msgid \"Alt.\"" in text
    assert gettext("msgcat", str(path)) == path.read_bytes()


def test_latin1_catalog_stays_latin1_and_matches_msgcat(tmp_path: Path) -> None:
    po = new_catalog(parse_locale("fr"), "t")
    po.metadata["Content-Type"] = "text/plain; charset=ISO-8859-1"
    po.append(polib.POEntry(msgid="Größe und Übermaß", msgstr="Taille et démesure", occurrences=[("a.txt", "3")]))
    path = tmp_path / "fr.po"
    assert save_catalog(po, path)
    data = path.read_bytes()
    assert "Größe".encode("latin-1") in data and "Größe".encode() not in data
    assert gettext("msgcat", str(path)) == data
    again = load_catalog(path)
    assert again.find("Größe und Übermaß").msgstr == "Taille et démesure"
    mtime = path.stat().st_mtime_ns
    assert not save_catalog(again, path)
    assert path.read_bytes() == data and path.stat().st_mtime_ns == mtime


def test_text_the_charset_cannot_hold_switches_the_file_to_utf8(tmp_path: Path) -> None:
    po = new_catalog(parse_locale("fr"), "t")
    po.metadata["Content-Type"] = "text/plain; charset=ISO-8859-1"
    po.append(polib.POEntry(msgid="Größe", msgstr="Taille → 10 €"))
    path = tmp_path / "fr.po"
    save_catalog(po, path)
    data = path.read_bytes()
    assert b"charset=UTF-8" in data and "Taille → 10 €".encode() in data
    assert gettext("msgcat", str(path)) == data
    assert load_catalog(path).find("Größe").msgstr == "Taille → 10 €"


def test_catalogs_of_the_reference_corpus_are_what_gettext_writes(corpus: Path, tmp_path: Path) -> None:
    """Real news pages: placeholders, quotes, numbers, long paragraphs, a few thousand entries."""
    articles = [shutil.copy(p, tmp_path / p.name) for p in sorted((corpus / "html").glob("*.html"))]
    articles += [shutil.copy(p, tmp_path / p.name) for p in sorted((corpus / "text").glob("*.txt"))]
    run = subprocess.run(
        [sys.executable, "-m", "transloc", "translate", "--to", "fr", "--engine", "pseudo", *map(str, articles)],
        cwd=tmp_path, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    catalogs = sorted((tmp_path / "locales" / "fr").rglob("*.po"))
    assert len(catalogs) == len(articles)
    entries = 0
    for path in catalogs:
        data = path.read_bytes()
        entries += data.count(b"\nmsgid ")
        assert gettext("msgcat", str(path)) == data, path
        assert gettext("msgmerge", "--quiet", "--previous", str(path), str(path)) == data, path
    assert entries > 2000
    # and a second run on the unchanged pages touches no catalog and no edition
    before = outputs(tmp_path)
    again = subprocess.run(run.args, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert outputs(tmp_path) == before


def outputs(root: Path) -> dict[Path, tuple[bytes, int]]:
    """Every catalog and edition with its bytes and mtime (the translation memory's index aside)."""
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file() and ".tm" not in p.parts}
