"""transloc.toml: defaults for folders, the default region of a bare language, localisation on/off."""

from __future__ import annotations

import shutil
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
    assert '<html lang="en-GB"' in Path("build/en/a.html").read_text(encoding="utf-8")
    assert polib.pofile("locales/en/a.po").metadata["Language"] == "en_GB"


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


def test_config_option_before_or_after_the_subcommand(workdir: Path) -> None:
    Path("a.txt").write_text(ARTICLE, encoding="utf-8")
    Path("conf").mkdir()
    Path("conf/t.toml").write_text('locales = "po"\nout = "site"\n', encoding="utf-8")
    before = CliRunner().invoke(main, ["--config", "conf/t.toml", "translate", "--to", "fr", "--engine", "pseudo",
                                       "a.txt"])
    assert before.exit_code == 0, before.output
    assert Path("conf/po/fr/a.po").exists() and Path("conf/site/fr/a.html").exists()
    after = CliRunner().invoke(main, ["status", "--config", "conf/t.toml"])
    assert after.exit_code == 0 and "conf/po/fr/a.po" in after.output
    for command in (["translate", "--to", "fr"], ["extract", "--to", "fr"], ["build", "--to", "fr"], ["status"],
                    ["check"], ["glossary", "lint"]):
        result = CliRunner().invoke(main, [*command, "--config", "missing.toml"])
        assert result.exit_code == 2 and "missing.toml: no such file" in result.output, (command, result.output)
    assert CliRunner().invoke(main, ["models", "list", "--offline", "--config", "conf/t.toml"]).exit_code == 0


def test_regions_apply_to_headers_html_lang_and_glossary(workdir: Path) -> None:
    from babel.messages.plurals import get_plural

    Path("a.txt").write_text("Politik\n\nDer Verteidigungsminister sprach.\n", encoding="utf-8")
    Path("glossary").mkdir()
    Path("glossary/t.csv").write_text(
        "de,en,en-GB,pt,pt-BR\nVerteidigungsminister,Defense Minister,Defence Minister,ministro PT,ministro BR\n",
        encoding="utf-8",
    )
    Path("transloc.toml").write_text('[regions]\nen = "en-GB"\npt = "pt_br"\n', encoding="utf-8")
    assert translate("--to", "en", "--to", "pt", "a.txt")[0] == 0
    for lang, region, term in (("en", "en-GB", "Defence Minister"), ("pt", "pt-BR", "ministro BR")):
        po = polib.pofile(f"locales/{lang}/a.po")
        plural = get_plural(region.replace("-", "_"))
        assert po.metadata["Language"] == region.replace("-", "_")
        assert po.metadata["Plural-Forms"] == f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"
        assert f'<html lang="{region}"' in Path(f"build/{lang}/a.html").read_text(encoding="utf-8")
        entry = po.find("Der Verteidigungsminister sprach.")
        assert f"glossary: Verteidigungsminister → {term}" in entry.comment, entry.comment
    # check follows the region too: en-GB's term passes, en-US's is an error
    assert CliRunner().invoke(main, ["check", "locales/en"]).exit_code == 0
    po_path = Path("locales/en/a.po")
    po_path.write_text(po_path.read_text(encoding="utf-8").replace("Defence Minister", "Defense Minister"),
                       encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "locales/en"])
    assert result.exit_code == 1 and 'must be translated as "Defence Minister"' in result.output
    # pt-PT's plural rule differs from pt-BR's: the header follows the region, not the bare language
    assert get_plural("pt_PT").plural_expr != get_plural("pt_BR").plural_expr
    for bad in ('en = "xx-nonsense"', 'en = "fr-FR"', "en = 5", 'en = "root"'):
        Path("transloc.toml").write_text(f"[regions]\n{bad}\n", encoding="utf-8")
        code, output = translate("--to", "en", "a.txt")
        assert code == 2 and "transloc.toml: [regions] en = " in output and len(output.strip().splitlines()) == 1
    result = CliRunner().invoke(main, ["status", "--config", "glossary"])
    assert result.exit_code == 2 and result.output.strip() == (
        "transloc: error: glossary: is a folder, not a settings file — name a transloc.toml file")


def test_no_glossary_unless_the_project_names_one(workdir: Path) -> None:
    """The checkout's example glossary knows Wladimir Putin; outside the checkout it must not apply."""
    shipped = Path(__file__).resolve().parents[1] / "glossary" / "news.csv"
    assert "Wladimir Putin" in shipped.read_text(encoding="utf-8")
    Path("a.txt").write_text("Politik\n\nWladimir Putin sprach lange.\n", encoding="utf-8")
    assert translate("--to", "en", "a.txt")[0] == 0
    assert "glossary:" not in polib.pofile("locales/en/a.po").find("Wladimir Putin sprach lange.").comment
    assert CliRunner().invoke(main, ["glossary", "lint"]).exit_code == 2
    Path("glossary").mkdir()
    shutil.copy(shipped, "glossary/news.csv")
    Path("locales/en/a.po").unlink()
    assert translate("--to", "en", "a.txt")[0] == 0
    assert "glossary: Wladimir Putin → Vladimir Putin" in polib.pofile("locales/en/a.po").find(
        "Wladimir Putin sprach lange.").comment
