"""`transloc check`: numbers, dates, times, amounts and URLs of the msgid must survive in the msgstr."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from transloc.checks.base import CheckContext
from transloc.checks.locale import CHECKERS, numbers, urls
from transloc.cli import main
from transloc.localise.entities import find_entities

SOURCE = "Am 24.11.2026 um 10.30 Uhr kostete es 1.234,5 Euro, 3,5 % mehr als 2025."


def check(msgstr: str, language: str = "en-US", msgid: str = SOURCE) -> list[str]:
    po = polib.POFile()
    entry = polib.POEntry(msgid=msgid, msgstr=msgstr)
    po.append(entry)
    ctx = CheckContext(Path("a.po"), po, language, {})
    return [d.message for checker in CHECKERS for d in checker.check_entry(entry, ctx)]


def test_checkers_are_registered() -> None:
    assert [c.name for c in CHECKERS] == ["numbers", "urls"]
    assert numbers in CHECKERS and urls in CHECKERS


@pytest.mark.parametrize(
    ("language", "msgstr"),
    [
        ("en-US", "On November 24, 2026 at 10:30\u202fAM it cost €1,234.5, 3.5% more than in 2025."),
        ("en-GB", "On 24 November 2026 at 10:30 it cost €1,234.5, 3.5% more than in 2025."),
        ("fr", "Le 24 novembre 2026 à 10 h 30, cela coûtait 1\u202f234,5\u00a0€, soit 3,5\u00a0% de plus qu’en 2025."),
        ("en", "On 24.11.2026 at 10.30 Uhr it cost 1.234,5 euros, 3,5 % more than in 2025."),  # German forms
        ("en", "In 2025 it was 3.5% cheaper; €1,234.5 at 10:30 a.m. on Nov. 24, 2026."),  # reordered
        ("en", "On 11/24/2026 at 10:30 it cost 1,234.50 euros, 3.5 percent more than in 2025."),
    ],
)
def test_valid_forms_pass(language: str, msgstr: str) -> None:
    assert check(msgstr, language) == []


def test_changed_and_missing_values_are_named() -> None:
    msgstr = "On November 25, 2026 at 11:30 AM it cost €1,234, 3.5% more than in 2024."
    assert check(msgstr, "en-US") == [
        "date 24.11.2026 of the source is missing or changed in the translation",
        "time 10.30 Uhr of the source is missing or changed in the translation",
        "amount 1.234,5 Euro of the source is missing or changed in the translation",
        "number 2025 of the source is missing or changed in the translation",
    ]


def test_american_evening_time_needs_pm() -> None:
    msgid = "Um 22.15 Uhr begann die Sitzung."
    assert check("The meeting began at 10:15 PM.", msgid=msgid) == []
    assert check("The meeting began at 10:15 p.m.", msgid=msgid) == []
    assert check("The meeting began at 22:15.", "en-GB", msgid=msgid) == []
    assert check("The meeting began at 10:15 AM.", msgid=msgid) == [
        "time 22.15 Uhr of the source is missing or changed in the translation"
    ]


def test_decimal_comma_misread_as_thousands_is_caught() -> None:
    msgid = "Die Inflation lag bei 2,5 Prozent."
    assert check("Inflation was 2.5 percent.", msgid=msgid) == []
    assert check("Inflation was 2,5 percent.", msgid=msgid) == []  # German form is still the same value
    assert check("Inflation was 25 percent.", msgid=msgid) == [
        "number 2,5 of the source is missing or changed in the translation"
    ]


def test_small_numbers_may_be_spelled_out_and_ordinals_are_free() -> None:
    msgid = "Im 2. Weltkrieg starben 3 Brüder."
    assert check("Three brothers died in the Second World War.", msgid=msgid) == []
    assert check("Trois frères sont morts pendant la Seconde Guerre mondiale.", "fr", msgid=msgid) == []
    assert check("Brothers died in the Second World War.", msgid=msgid) == [
        "number 3 of the source is missing or changed in the translation"
    ]


def test_scaled_amount_in_another_scale() -> None:
    msgid = "Es geht um 1.500 Mio. Euro."
    assert check("It is about €1.5 billion.", msgid=msgid) == []
    assert check("It is about €1,500 million.", msgid=msgid) == []
    assert check("It is about €15 billion.", msgid=msgid) == [
        "amount 1.500 Mio. Euro of the source is missing or changed in the translation"
    ]


def test_urls_and_emails_verbatim() -> None:
    msgid = "Mehr unter https://example.org/artikel?id=5 oder per Mail an presse@example.org."
    assert check("More at https://example.org/artikel?id=5 or by mail to presse@example.org.", msgid=msgid) == []
    assert check("More at https://example.org/article?id=5 or by mail to press@example.org.", msgid=msgid) == [
        "URL https://example.org/artikel?id=5 of the source is missing or changed in the translation",
        "e-mail address presse@example.org of the source is missing or changed in the translation",
    ]


def test_empty_and_obsolete_entries_are_skipped() -> None:
    assert check("") == []
    po = polib.POFile()
    entry = polib.POEntry(msgid=SOURCE, msgstr="Nothing.", obsolete=True)
    po.append(entry)
    assert list(numbers.check_entry(entry, CheckContext(Path("a.po"), po, "en", {}))) == []


def test_cli_reports_file_and_line(tmp_path: Path) -> None:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en_GB"}
    po.append(polib.POEntry(msgid="Er kam am 3. Oktober.", msgstr="He came on 3 October."))
    po.append(polib.POEntry(msgid="Das kostete 1.234,5 Euro.", msgstr="That cost €1,243.5."))
    folder = tmp_path / "locales" / "en-GB"
    folder.mkdir(parents=True)
    path = folder / "article.po"
    po.save(str(path))
    lines = path.read_text(encoding="utf-8").splitlines()
    line = lines.index('msgid "Das kostete 1.234,5 Euro."') + 1
    result = CliRunner().invoke(main, ["check", str(tmp_path / "locales")])
    assert result.exit_code == 1, result.output
    expected = (
        f"{path}:{line}: error[numbers]: amount 1.234,5 Euro of the source is missing or changed in the translation"
    )
    assert expected in result.output
    assert "3. Oktober" not in result.output


def test_real_page_round_trip_and_tampering() -> None:
    """On a real page with many dates and times: localised output passes, any changed digit is caught."""
    from support import CORPUS, CORPUS_MISSING
    from transloc.localise.hook import LocaliseHook
    from transloc.localise.locales import parse_locale
    from transloc.localise.presence import missing
    from transloc.mt.base import Draft
    from transloc.mt.pseudo import PseudoEngine
    from transloc.pipeline import load_document, messages

    page = CORPUS / "html" / "netzpolitik.org.abmahnungen.html"
    if not page.is_file():
        pytest.skip(CORPUS_MISSING)
    msgids = [m.msgid for m in messages(load_document(page))]
    tag = parse_locale("en-US")
    checked = 0
    for msgid in msgids:
        draft = Draft(source=msgid, text=msgid)
        hook = LocaliseHook(tag)
        hook.before(draft)
        draft.text = PseudoEngine().translate(draft.text)
        hook.after(draft)
        assert missing(msgid, draft.text, tag.resolved) == [], (msgid, draft.text)
        wanted = [e for e in find_entities(msgid) if e.kind != "ordinal"]
        if wanted:
            checked += 1
            shifted = re.sub(r"\d", lambda m: str((int(m.group(0)) + 1) % 10), draft.text)
            assert len(missing(msgid, shifted, tag.resolved)) >= 1, (msgid, shifted)
    assert checked > 50


def test_noon_and_midnight_in_words() -> None:
    assert check("The deadline ends at noon.", msgid="Die Frist endet um 12 Uhr.") == []
    assert check("Le délai expire à minuit.", "fr", msgid="Die Frist endet um 0 Uhr.") == []
    assert check("The deadline ends at midnight.", msgid="Die Frist endet um 12 Uhr.") == [
        "time 12 Uhr of the source is missing or changed in the translation"
    ]
