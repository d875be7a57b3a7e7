"""PO catalogs update like msgmerge and never lose a human translation."""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
import pytest

from support import msgfmt_available
from transloc.catalog import Message, load_catalog, merge, new_catalog, save_catalog, statistics
from transloc.errors import TranslocError
from transloc.localise.locales import parse_locale


def catalog(*entries: tuple[str, str, bool]) -> polib.POFile:
    po = new_catalog(parse_locale("en"), "test")
    for msgid, msgstr, fuzzy in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else []))
    return po


def test_unchanged_entries_keep_msgstr_and_flags() -> None:
    po = catalog(("Der Hund bellt.", "The dog barks.", False), ("Die Katze schläft.", "The cat sleeps.", True))
    stats = merge(po, [Message("Der Hund bellt."), Message("Die Katze schläft.")])
    assert stats.kept == 2
    dog, cat = po.find("Der Hund bellt."), po.find("Die Katze schläft.")
    assert (dog.msgstr, dog.flags) == ("The dog barks.", [])
    assert (cat.msgstr, cat.flags) == ("The cat sleeps.", ["fuzzy"])


def test_changed_entry_becomes_fuzzy_with_previous_msgid() -> None:
    po = catalog(("Der Hund bellt laut im Garten.", "The dog barks loudly in the garden.", False))
    stats = merge(po, [Message("Der Hund bellt leise im Garten.")])
    assert stats.fuzzy_matched == 1
    entry = po.find("Der Hund bellt leise im Garten.")
    assert entry.msgstr == "The dog barks loudly in the garden."
    assert "fuzzy" in entry.flags
    assert entry.previous_msgid == "Der Hund bellt laut im Garten."


def test_vanished_entry_becomes_obsolete_and_returns_when_source_does() -> None:
    po = catalog(("Alter Satz über etwas ganz anderes.", "Old sentence.", False), ("Bleibt.", "Stays.", False))
    merge(po, [Message("Bleibt."), Message("Völlig neuer Inhalt ohne Ähnlichkeit!")])
    old = [e for e in po if e.msgid == "Alter Satz über etwas ganz anderes."][0]
    assert old.obsolete and old.msgstr == "Old sentence."
    new = po.find("Völlig neuer Inhalt ohne Ähnlichkeit!")
    assert new.msgstr == "" and not new.previous_msgid
    merge(po, [Message("Bleibt."), Message("Alter Satz über etwas ganz anderes.")])
    back = po.find("Alter Satz über etwas ganz anderes.")
    assert back is not None and not back.obsolete and back.msgstr == "Old sentence."


def test_order_references_and_source_comments_follow_the_source() -> None:
    po = catalog(("B.", "b", False))
    po[0].comment = "block: paragraph\nmt: pseudo"
    merge(
        po, [Message("A.", [("x.txt", "1")], ["block: headline"]), Message("B.", [("x.txt", "3")], ["block: subhead"])]
    )
    assert [e.msgid for e in po] == ["A.", "B."]
    assert po[1].occurrences == [("x.txt", "3")]
    assert po[1].comment.splitlines() == ["block: subhead", "mt: pseudo"]


def test_saved_file_round_trips_and_passes_msgfmt(tmp_path: Path) -> None:
    po = catalog(("Der „Hund“ bellt.", "The “dog” barks.", True), ("Zwei\tTabs.", "", False))
    merge(po, [Message("Der „Hund“ bellt.", [("a.txt", "2")], ["block: paragraph"]), Message("Neu.")])
    path = tmp_path / "en" / "a.po"
    save_catalog(po, path)
    again = load_catalog(path)
    assert again.metadata["Language"] == "en"
    assert again.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert again.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert again.find("Der „Hund“ bellt.").msgstr == "The “dog” barks."
    assert statistics(again).fuzzy == 1 and statistics(again).untranslated == 1
    if not msgfmt_available():
        pytest.skip("msgfmt (gettext) not installed")
    subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(path)], check=True)


@pytest.mark.parametrize(
    "content",
    ['msgid "a"\nmsgstr "b"\nfoo bar\n', 'msgid "a"\nmsgstr "b\n', 'msgid "a"\nmsgid "b"\nmsgstr "c"\n'],
)
def test_broken_po_is_one_line_error_naming_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "broken.po"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TranslocError) as info:
        load_catalog(path)
    message = str(info.value)
    assert message.startswith(str(path)) and "line" in message and "\n" not in message


def _draft(msgid: str, msgstr: str, mt: str = "mt: pseudo") -> polib.POEntry:
    return polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"], comment=f"block: paragraph\n{mt}")


def test_a_machine_draft_is_not_carried_to_a_changed_sentence() -> None:
    """The old sentence's machine draft would be built as if it translated the new one; translate fills
    the empty entry with a fresh draft instead. It is not lost either: it stays as an obsolete entry."""
    po = catalog()
    po.append(_draft("Der Hund bellt laut im Garten.", "The dog barks loudly in the garden."))
    stats = merge(po, [Message("Der Hund bellt leise im Garten.")])
    entry = po.find("Der Hund bellt leise im Garten.")
    assert (entry.msgstr, entry.previous_msgid, stats.fuzzy_matched, stats.added) == ("", None, 0, 1)
    assert [e.msgid for e in po.obsolete_entries()] == ["Der Hund bellt laut im Garten."]


@pytest.mark.parametrize(
    ("msgstr", "mt_line", "fuzzy"),
    [
        ("The dog barks loudly in the garden.", None, False),  # approved by a person
        ("The dog barks loudly in the garden.", "mt: pseudo", False),  # machine draft a person approved
        ("The dog barks so loudly in the garden.", "mt: argos x 1.0 confidence=0.80 draft=00000000", True),  # edited
    ],
)
def test_a_persons_work_is_carried_to_a_changed_sentence(msgstr: str, mt_line: str | None, fuzzy: bool) -> None:
    po = catalog()
    po.append(
        polib.POEntry(
            msgid="Der Hund bellt laut im Garten.",
            msgstr=msgstr,
            flags=["fuzzy"] if fuzzy else [],
            comment="\n".join(["block: paragraph", *([mt_line] if mt_line else [])]),
        )
    )
    merge(po, [Message("Der Hund bellt leise im Garten.")])
    entry = po.find("Der Hund bellt leise im Garten.")
    assert (entry.msgstr, entry.previous_msgid, "fuzzy" in entry.flags) == (
        msgstr,
        "Der Hund bellt laut im Garten.",
        True,
    )
