"""Hostile or odd input ends in success or in one line naming the file and the remedy (exit 2), quickly.

Every case runs the real command line in a separate process with a timeout, so a hang (a FIFO, an
endless device) fails the test instead of blocking the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest

GERMAN_PAGE = (
    "<html><body><p>Grüße aus Köln: Die Straße ist gesperrt.</p><p>Der Bürgermeister äußert sich.</p></body></html>"
)


def transloc(cwd: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TRANSLOC_DEBUG": ""}
    return subprocess.run(
        [sys.executable, "-m", "transloc", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


def refused(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """The run ended with exit 2 and one error line (no traceback) holding ``words``."""
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def test_one_bad_byte_in_a_utf8_article_is_reported_not_read_as_cp1252(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(GERMAN_PAGE.encode("utf-8").replace(b"</body>", b"\xff</body>"))
    line = refused(transloc(tmp_path, "extract", "--to", "en", "page.html"), "page.html", "0xff", "line 1", "UTF-8")
    assert "re-save" in line
    assert not (tmp_path / "locales").exists()


def test_legacy_windows_1252_article_is_still_decoded(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(GERMAN_PAGE.encode("cp1252"))
    result = transloc(tmp_path, "extract", "--to", "en", "page.html")
    assert result.returncode == 0, result.stderr
    po = polib.pofile(str(tmp_path / "locales" / "en" / "page.po"))
    assert "Grüße aus Köln: Die Straße ist gesperrt." in [e.msgid for e in po]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_articles_with_a_bom_are_read(tmp_path, encoding):
    page = tmp_path / "page.html"
    data = GERMAN_PAGE.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    page.write_bytes(data)
    result = transloc(tmp_path, "extract", "--to", "en", "page.html")
    assert result.returncode == 0, result.stderr
    po = polib.pofile(str(tmp_path / "locales" / "en" / "page.po"))
    assert [e.msgid for e in po] == ["Grüße aus Köln: Die Straße ist gesperrt.", "Der Bürgermeister äußert sich."]


def test_nul_byte_after_the_first_8_kib_is_caught_and_no_po_is_written(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(b"<p>" + b"Hallo Welt. " * 1000 + b"\x00 Ende.</p>")
    refused(transloc(tmp_path, "extract", "--to", "en", "page.html"), "page.html", "NUL")
    assert not (tmp_path / "locales").exists()


def test_file_name_with_a_line_break_is_refused_and_later_runs_work(tmp_path):
    (tmp_path / "bad\nname.html").write_text(GERMAN_PAGE, encoding="utf-8")
    (tmp_path / "good.html").write_text(GERMAN_PAGE, encoding="utf-8")
    refused(transloc(tmp_path, "extract", "--to", "en", "bad\nname.html"), "line break", "rename")
    assert not (tmp_path / "locales").exists()
    result = transloc(tmp_path, "extract", "--to", "en", "good.html")
    assert result.returncode == 0, result.stderr
    po = polib.pofile(str(tmp_path / "locales" / "en" / "good.po"))
    assert all("\n" not in path for entry in po for path, _ in entry.occurrences)


def test_symlink_loop_is_one_line(tmp_path):
    os.symlink("b.html", tmp_path / "a.html")
    os.symlink("a.html", tmp_path / "b.html")
    refused(transloc(tmp_path, "extract", "--to", "en", "a.html"), "a.html", "link loop")


def test_fifo_is_refused_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "article.html")
    result = transloc(tmp_path, "extract", "--to", "en", "article.html", timeout=60)
    refused(result, "article.html", "not a regular file")


def test_endless_device_is_refused(tmp_path):
    refused(transloc(tmp_path, "extract", "--to", "en", "/dev/zero", timeout=60), "/dev/zero", "not a regular file")


def test_oversized_input_is_refused_before_reading(tmp_path, monkeypatch):
    from transloc.errors import TranslocError
    from transloc.fileio import read_bytes

    big = tmp_path / "big.html"
    big.write_bytes(b"<p>" + b"x" * 2000 + b"</p>")
    with pytest.raises(TranslocError, match="larger than"):
        read_bytes(big, limit=1000)
    assert read_bytes(big, limit=4000).startswith(b"<p>")


def test_unknown_regions_locale_is_one_line(tmp_path):
    (tmp_path / "page.html").write_text(GERMAN_PAGE, encoding="utf-8")
    (tmp_path / "transloc.toml").write_text('[regions]\nen = "xx-QQ"\n', encoding="utf-8")
    refused(transloc(tmp_path, "extract", "--to", "en", "page.html"), "xx-QQ")


def test_glossary_cell_over_128_kib_is_one_line(tmp_path):
    (tmp_path / "page.html").write_text(GERMAN_PAGE, encoding="utf-8")
    glossary = tmp_path / "terms.csv"
    glossary.write_text('de,en\nKöln,Cologne\n"' + "x" * 140_000 + '",y\n', encoding="utf-8")
    line = refused(transloc(tmp_path, "extract", "--to", "en", "--glossary", "terms.csv", "page.html"), "terms.csv")
    assert "line 3" in line and "128 KiB" in line and "unclosed quote" in line
    assert not (tmp_path / "locales").exists()


def test_crlf_text_export_comes_back_with_crlf(tmp_path, corpus):
    lf = (corpus / "text" / "news.de-nuklearpakt.txt").read_text(encoding="utf-8")
    (tmp_path / "article.txt").write_bytes(lf.replace("\n", "\r\n").encode("utf-8"))
    result = transloc(tmp_path, "translate", "--engine", "pseudo", "--to", "en", "article.txt")
    assert result.returncode == 0, result.stderr
    out = (tmp_path / "build" / "en" / "article.txt").read_bytes()
    assert out.count(b"\r\n") == lf.count("\n") > 20
    assert b"\n" not in out.replace(b"\r\n", b"")
    assert out != lf.replace("\n", "\r\n").encode("utf-8")  # translated, not copied


def test_check_flags_script_urls_and_handlers_in_attribute_entries(tmp_path):
    (tmp_path / "page.html").write_text(
        '<p>Der Text nennt javascript: als Beispiel.</p><img alt="Ein Bild vom Hafen" src="a.jpg">'
        '<a href="/x" title="Mehr zum Hafen">Hafen</a><meta name="description" content="Alles zum Hafen">',
        encoding="utf-8",
    )
    assert transloc(tmp_path, "extract", "--to", "en", "page.html").returncode == 0
    po_path = tmp_path / "locales" / "en" / "page.po"
    po = polib.pofile(str(po_path))
    injected = {
        "Der Text nennt javascript: als Beispiel.": "The text names javascript: as an example.",  # prose: fine
        "Ein Bild vom Hafen": 'A picture" onfocus="alert(1)',
        "Mehr zum Hafen": "JavaScript:alert(1)",
        "Alles zum Hafen": "All about the harbour",
        "Hafen": "Harbour",
    }
    for entry in po:
        entry.msgstr = injected[entry.msgid]
    po.save()
    result = transloc(tmp_path, "check", "locales")
    assert result.returncode == 1, result.stdout + result.stderr
    flagged = [line for line in result.stdout.splitlines() if "[attributes]" in line]
    assert len(flagged) == 2, result.stdout
    assert any("onfocus" in line and "attr:alt" in line for line in flagged)
    assert any("JavaScript:" in line and "attr:title" in line for line in flagged)
    assert all(line.startswith("locales/en/page.po:") for line in flagged)
