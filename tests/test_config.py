"""transloc.toml: defaults for folders, the default region of a bare language, localisation on/off."""

from __future__ import annotations

from pathlib import Path

import polib
from click.testing import CliRunner

from transloc.cli import main

ARTICLE = "Politik\n\nDie Sitzung beginnt am 24.11.2026 um 10.30 Uhr und kostet 1.234,5 Euro.\n"


def translate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["translate", "--engine", "pseudo", *args])
    return result.exit_code, result.output


def msgstr(path: str) -> str:
    po = polib.pofile(path)
    return [e for e in po if e.msgid.startswith("Die Sitzung")][0].msgstr


def test_bare_language_follows_configured_region(workdir: Path) -> None:
    Path("a.txt").write_text(ARTICLE, encoding="utf-8")
    assert translate("--to", "en", "a.txt")[0] == 0
    us = msgstr("locales/en/a.po")
    assert "November 24, 2026" in us and "10:30\u202fAM" in us
    Path("transloc.toml").write_text('[regions]\nen = "en-GB"\n', encoding="utf-8")
    Path("locales/en/a.po").unlink()
    assert translate("--to", "en", "a.txt")[0] == 0
    gb = msgstr("locales/en/a.po")
    assert "24 November 2026" in gb and "November 24" not in gb
    assert '<html lang="en"' in Path("build/en/a.html").read_text(encoding="utf-8")


def test_localise_key_turns_conversion_off(workdir: Path) -> None:
    Path("a.txt").write_text(ARTICLE, encoding="utf-8")
    Path("transloc.toml").write_text("localise = false\n", encoding="utf-8")
    assert translate("--to", "en-US", "a.txt")[0] == 0
    text = msgstr("locales/en-US/a.po")
    assert "November 24" not in text and "1,234.5" not in text


def test_folders_from_config(workdir: Path) -> None:
    Path("a.txt").write_text(ARTICLE, encoding="utf-8")
    Path("transloc.toml").write_text('locales = "po"\nout = "site"\n', encoding="utf-8")
    assert translate("--to", "fr", "a.txt")[0] == 0
    assert Path("po/fr/a.po").exists() and Path("site/fr/a.html").exists()
    assert translate("--to", "fr", "--out", "other", "a.txt")[0] == 0
    assert Path("other/fr/a.html").exists()


def test_invalid_config_is_one_line(workdir: Path) -> None:
    Path("a.txt").write_text(ARTICLE, encoding="utf-8")
    for content, expected in (("locales = [", "invalid TOML"), ("colour = 1", "unknown setting 'colour'"),
                              ("localise = 'yes'", "wrong type")):
        Path("transloc.toml").write_text(content, encoding="utf-8")
        code, output = translate("--to", "en", "a.txt")
        assert code == 2 and expected in output and "transloc.toml" in output
        assert len(output.strip().splitlines()) == 1
