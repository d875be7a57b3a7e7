"""Plural entries (Weblate and Poedit can add them) go through every check the way singular ones do:
one helper, ``catalog.translations``, hands each check every form of an entry."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from transloc.catalog import translations
from transloc.checks import runner
from transloc.checks.base import CatalogSetChecker, EntryChecker
from transloc.glossary import Glossary, load_glossary, term_use
from transloc.localise.locales import parse_locale

SHIPPED = Path(__file__).resolve().parents[1] / "glossary"


@pytest.fixture(scope="module")
def shipped() -> Glossary:
    return load_glossary([SHIPPED])


def plural(msgid: str, msgid_plural: str, *forms: str) -> polib.POEntry:
    return polib.POEntry(msgid=msgid, msgid_plural=msgid_plural, msgstr_plural=dict(enumerate(forms)))


def test_translations_pairs_each_plural_form_with_its_source() -> None:
    entry = plural("Ein Artikel", "{n} Artikel", "One article", "{n} articles")
    assert list(translations(entry)) == [("Ein Artikel", "One article"), ("{n} Artikel", "{n} articles")]
    assert list(translations(polib.POEntry(msgid="Hallo", msgstr=""))) == [("Hallo", "")]
    assert list(translations(polib.POEntry(msgid="Hallo", msgstr="Hello", obsolete=True))) == []


def write(tmp_path: Path, *entries: polib.POEntry, name: str = "a.po") -> Path:
    po = polib.POFile()
    po.metadata = {"Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    for entry in entries:
        po.append(entry)
    path = tmp_path / "en" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


def test_every_check_sees_the_plural_forms(tmp_path: Path, shipped: Glossary) -> None:
    write(
        tmp_path,
        plural(
            "<1>Wladimir Putin</1> sprach.",
            "Er sprach {n}-mal in Pjöngjang, zuletzt am 24.11.2026.",
            "<1>Vladimir Putin</1> spoke.",
            "He spoke {n} times in Pjöngjang, most recently on <2/>.",
        ),
    )
    report = runner.run([tmp_path], glossary=shipped)
    found = {(d.check, d.message) for d in report.diagnostics}
    assert report.entries == 1
    # Only the second form is wrong, and each check finds its fault there.
    assert any(c == "placeholders" and "<2/>" in m for c, m in found), found
    assert any(c == "numbers" and "24.11.2026" in m for c, m in found), found
    assert any(c == "glossary" and "Pyongyang" in m for c, m in found), found
    assert not any("Putin" in m for _, m in found), found


def test_untranslated_plural_entry_is_not_counted_as_checked(tmp_path: Path) -> None:
    write(tmp_path, plural("Ein Artikel", "{n} Artikel", "", ""), polib.POEntry(msgid="Hallo", msgstr="Hello"))
    assert runner.run([tmp_path]).entries == 1


def test_consistency_compares_all_plural_forms(tmp_path: Path) -> None:
    write(tmp_path, plural("Ein Artikel", "{n} Artikel", "One article", "{n} articles"), name="a.po")
    write(tmp_path, plural("Ein Artikel", "{n} Artikel", "One article", "{n} stories"), name="b.po")
    report = runner.run([tmp_path])
    (warning,) = [d for d in report.diagnostics if d.check == "consistency"]
    assert warning.path.endswith("b.po") and "One article | {n} articles" in warning.message


def test_term_use_reads_every_plural_form(shipped: Glossary) -> None:
    entry = plural("Wladimir Putin sprach.", "Er sprach {n}-mal in Pjöngjang.", "He spoke.", "He spoke in Pyongyang.")
    assert term_use(shipped, [entry], parse_locale("en")) == (1, 2)


def test_runner_takes_checkers_by_their_protocol() -> None:
    found = runner.checkers()
    expected = {"placeholders", "glossary", "numbers", "urls", "attributes"}
    assert {c.name for c in found if isinstance(c, EntryChecker)} == expected
    assert [c.name for c in found if isinstance(c, CatalogSetChecker)] == ["consistency"]


def test_catalog_term_use_reads_the_locale_from_the_folder(tmp_path: Path, shipped: Glossary) -> None:
    from transloc.glossary.coverage import catalog_term_use

    write(tmp_path, polib.POEntry(msgid="Wladimir Putin sprach in Pjöngjang.", msgstr="Vladimir Putin spoke there."))
    (row,) = catalog_term_use(shipped, [tmp_path])
    assert (row.path.name, row.locale.tag, row.hits, row.total) == ("a.po", "en", 1, 2)
    (row,) = catalog_term_use(shipped, [tmp_path], "fr")
    assert (row.locale.tag, row.hits) == ("fr", 0)  # French requires "Vladimir Poutine"
