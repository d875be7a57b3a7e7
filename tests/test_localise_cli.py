"""Localisation end to end: `transloc translate --to en-US/en-GB/fr`, `--no-localise`, then `transloc check`."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from transloc.cli import main
from transloc.mt import ENGINES

ARTICLE = 'Politik\n\nAm 24.11.2026 um 10.30 Uhr sagte er: "Es kostet 3,5 Mio. Euro." Das sind 12,5 % mehr als 2025.\n'


@pytest.fixture
def article(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setitem(ENGINES, "counting", "engines:CountingEngine")
    monkeypatch.setitem(ENGINES, "copy", "engines:CopyEngine")
    path = workdir / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def msgstrs(tag: str) -> str:
    po = polib.pofile(f"locales/{tag}/a.po")
    return "\n".join(e.msgstr for e in po)


@pytest.mark.parametrize(
    ("tag", "forms"),
    [
        ("en-US", ["November 24, 2026", "10:30\u202fAM", "€3.5 million", "12.5%", "“", "”"]),
        ("en-GB", ["24 November 2026", "10:30", "€3.5 million", "12.5%", "“", "”"]),
        ("fr", ["24 novembre 2026", "10:30", "3,5\u00a0M\u00a0€", "12,5\u00a0%", "«\u202f", "\u202f»"]),
    ],
)
@pytest.mark.parametrize("engine", ["counting", "copy"])
def test_translate_localises_and_check_passes(article: Path, tag: str, forms: list[str], engine: str) -> None:
    code, output = run("translate", "--engine", engine, "--to", tag, str(article))
    assert code == 0, output
    text = msgstrs(tag)
    for form in forms:
        assert form in text
    for german in ("24.11.2026", "10.30 Uhr", "3,5 Mio. Euro", '"'):
        assert german not in text
    code, output = run("check", "locales")
    assert code == 0, output


def test_no_localise_keeps_engine_forms_and_check_still_guards(article: Path) -> None:
    code, output = run("translate", "--engine", "copy", "--no-localise", "--to", "en-US", str(article))
    assert code == 0, output
    assert "24.11.2026" in msgstrs("en-US") and "November 24" not in msgstrs("en-US")
    assert run("check", "locales")[0] == 0
    path = Path("locales/en-US/a.po")
    po = polib.pofile(str(path))
    entry = next(e for e in po if "12,5" in e.msgid)
    entry.msgstr = entry.msgstr.replace("12,5", "15")
    po.save(str(path))
    code, output = run("check", "locales")
    assert code == 1
    assert "error[numbers]: percentage 12,5 % of the source is missing or changed in the translation" in output
