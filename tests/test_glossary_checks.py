"""The glossary and consistency checkers on in-memory catalogs (the runner and CLI are tested elsewhere)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from transloc.checks.base import CheckContext
from transloc.checks.consistency import CHECKERS as CONSISTENCY
from transloc.checks.glossary import CHECKERS as GLOSSARY
from transloc.glossary import Glossary, load_glossary

SHIPPED = Path(__file__).resolve().parents[1] / "glossary"


@pytest.fixture(scope="module")
def shipped() -> Glossary:
    return load_glossary([SHIPPED])


def context(path: str, language: str, entries: list[polib.POEntry], glossary: Glossary | None = None) -> CheckContext:
    po = polib.POFile()
    for number, entry in enumerate(entries, 1):
        entry.linenum = number * 10
        po.append(entry)
    return CheckContext(Path(path), po, language, {"glossary": glossary})


def messages(entry: polib.POEntry, language: str, glossary: Glossary | None) -> list[str]:
    (checker,) = GLOSSARY
    ctx = context("x.po", language, [entry], glossary)
    return [f"{d.level}[{d.check}]: {d.message}" for d in checker.check_entry(entry, ctx)]


def test_checker_modules_expose_named_checkers() -> None:
    assert [c.name for c in GLOSSARY] == ["glossary"] and [c.name for c in CONSISTENCY] == ["consistency"]


@pytest.mark.parametrize(
    ("language", "msgstr"),
    [
        ("en", "Putin's plans for Moscow"),
        ("en", "putin's plans for Moscow"),  # first letter may change case
        ("en-GB", "Putin's plans for Moscow"),
        ("fr", "Les projets de Poutine pour Moscou"),
        ("en", "Putin’s plans for Moscow"),
    ],
)
def test_correct_translations_pass(shipped: Glossary, language: str, msgstr: str) -> None:
    assert messages(polib.POEntry(msgid="Putins Pläne für Moskau", msgstr=msgstr), language, shipped) == []


def test_plural_targets_pass(shipped: Glossary) -> None:
    entry = polib.POEntry(msgid="Die Verteidigungsminister trafen sich.", msgstr="The Defense Ministers met.")
    assert messages(entry, "en", shipped) == []
    entry = polib.POEntry(msgid="Die Verteidigungsminister trafen sich.", msgstr="The Defense Ministry met.")
    assert messages(entry, "en", shipped) == [
        'error[glossary]: "Verteidigungsminister" must be translated as "Defense Minister"'
    ]


def test_violations(shipped: Glossary) -> None:
    entry = polib.POEntry(msgid="Putins Pläne für Moskau", msgstr="Vladimir Poutine's plans for Moskau")
    assert messages(entry, "en", shipped) == [
        'error[glossary]: "Putins" must be translated as "Putin"',
        'error[glossary]: "Moskau" must be translated as "Moscow"',
    ]
    fr = polib.POEntry(msgid="Wladimir Putin", msgstr="Vladimir Putin")
    assert messages(fr, "fr", shipped) == [
        'error[glossary]: "Wladimir Putin" must be translated as "Vladimir Poutine"',
        'error[glossary]: forbidden form "Vladimir Putin" for "Wladimir Putin" (use "Vladimir Poutine")',
    ]


def test_no_glossary_untranslated_or_unknown_language_means_no_diagnostics(shipped: Glossary) -> None:
    wrong = polib.POEntry(msgid="Moskau", msgstr="Moskau")
    assert messages(wrong, "en", None) == []
    assert messages(polib.POEntry(msgid="Moskau", msgstr=""), "en", shipped) == []
    assert messages(wrong, "xx-not-a-locale", shipped) == []


def test_consistency_compares_entries_per_language_and_context() -> None:
    (checker,) = CONSISTENCY

    def entry(msgstr: str, *, fuzzy: bool = False, msgctxt: str | None = None) -> polib.POEntry:
        return polib.POEntry(msgid="Hallo", msgstr=msgstr, flags=["fuzzy"] if fuzzy else [], msgctxt=msgctxt)

    contexts = [
        context("a.po", "en", [entry("Hello"), entry("Hi", msgctxt="greeting")]),
        context("b.po", "en", [entry("Hello")]),
        context("c.po", "en", [entry("Hi there"), entry("Hey", fuzzy=True)]),
        context("d.po", "fr", [entry("Bonjour")]),
    ]
    found = [str(d) for d in checker.check_catalogs(contexts)]
    assert found == [
        'c.po:10: warning[consistency]: translated differently than in a.po:10: "Hello"',
        'c.po:20: warning[consistency]: translated differently than in a.po:10: "Hello"',
    ]
    for ctx in contexts:
        ctx.options["skip_fuzzy"] = True
    found = [str(d) for d in checker.check_catalogs(contexts)]
    assert found == ['c.po:10: warning[consistency]: translated differently than in a.po:10: "Hello"']


def test_consistency_prefers_reviewed_wording_as_reference() -> None:
    (checker,) = CONSISTENCY
    drafts = [polib.POEntry(msgid="Hallo", msgstr="Hi", flags=["fuzzy"]) for _ in range(2)]
    contexts = [
        context("a.po", "en", [drafts[0]]),
        context("b.po", "en", [drafts[1]]),
        context("c.po", "en", [polib.POEntry(msgid="Hallo", msgstr="Hello")]),
    ]
    found = [str(d) for d in checker.check_catalogs(contexts)]
    assert found == [
        'a.po:10: warning[consistency]: translated differently than in c.po:10: "Hello"',
        'b.po:10: warning[consistency]: translated differently than in c.po:10: "Hello"',
    ]


def test_plural_entries_check_each_form(shipped: Glossary) -> None:
    entry = polib.POEntry(
        msgid="Ein Verteidigungsminister",
        msgid_plural="%d Verteidigungsminister aus Moskau",
        msgstr_plural={0: "One Defense Minister", 1: "%d Defense Ministers from Moskau"},
    )
    assert messages(entry, "en", shipped) == ['error[glossary]: "Moskau" must be translated as "Moscow"']
