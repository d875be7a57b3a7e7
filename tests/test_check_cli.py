"""`transloc check` end to end on translator-edited catalogs with real violations: exact diagnostics, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from transloc.cli import main

DATA = Path(__file__).parent / "data" / "glossary" / "locales"
SHIPPED = Path(__file__).resolve().parents[1] / "glossary"

EN = "locales/en/nuklearpakt.po"
OTHER = "locales/en/other.po"
GLOSSARY_AND_CONSISTENCY = [
    f'{EN}:11: error[glossary]: "Wladimir Putin" must be translated as "Vladimir Putin"',
    f'{EN}:15: error[glossary]: "Daily Express" must stay "Daily Express" (do not translate)',
    f'{OTHER}:10: warning[consistency]: translated differently than in {EN}:27: "The Defense Minister remains silent."',
    f'{OTHER}:10: error[glossary]: "Verteidigungsminister" must be translated as "Defense Minister"',
    f'{OTHER}:10: error[glossary]: forbidden form "Defence Minister" for "Verteidigungsminister" '
    '(use "Defense Minister")',
]


@pytest.fixture
def locales(workdir: Path) -> Path:
    shutil.copytree(DATA, workdir / "locales")
    return workdir / "locales"


def check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", "--glossary", str(SHIPPED), *args])
    return result.exit_code, result.stdout, result.stderr


def test_text_report_lists_every_violation_with_file_and_line(locales: Path) -> None:
    code, out, err = check("locales")
    lines = out.splitlines()
    assert code == 1
    mine = [line for line in lines if "[glossary]" in line or "[consistency]" in line]
    assert mine == GLOSSARY_AND_CONSISTENCY
    # Broken placeholder and changed number come from the other checkers.
    assert any(line.startswith(f"{EN}:18: error[placeholders]: ") for line in lines)
    assert any(line.startswith(f"{EN}:21: error[numbers]: ") and "12" in line for line in lines)
    # Correct translations (genitive "Russia's", en-GB "Defence Minister", the fuzzy "Putin's plans") pass.
    assert not any(":24:" in line or ":30:" in line or "en-GB" in line for line in lines)
    assert "3 file(s)" in err and "6 error(s), 1 warning(s)" in err


def test_json_report(locales: Path) -> None:
    code, out, _ = check("--format", "json", "locales")
    data = json.loads(out)
    assert code == 1 and data["errors"] == 6 and data["warnings"] == 1
    glossary = [d for d in data["diagnostics"] if d["check"] == "glossary"]
    assert glossary[0] == {
        "path": EN,
        "line": 11,
        "level": "error",
        "check": "glossary",
        "message": '"Wladimir Putin" must be translated as "Vladimir Putin"',
    }
    assert {d["check"] for d in data["diagnostics"]} == {"glossary", "consistency", "placeholders", "numbers"}


def test_github_annotations(locales: Path) -> None:
    code, out, _ = check("--format", "github", "locales")
    assert code == 1
    assert (
        f'::error file={EN},line=15,title=glossary::"Daily Express" must stay "Daily Express" (do not translate)'
        in out.splitlines()
    )
    assert any(line.startswith(f"::warning file={OTHER},line=10,title=consistency::") for line in out.splitlines())


def test_locale_variant_catalog_is_clean(locales: Path) -> None:
    code, out, err = check("locales/en-GB")
    assert (code, out) == (0, "")
    assert "0 error(s), 0 warning(s)" in err


def test_consistency_alone_warns_and_fails_only_when_strict(locales: Path) -> None:
    twin = locales / "en-GB" / "twin.po"
    text = (locales / "en-GB" / "nuklearpakt.po").read_text(encoding="utf-8")
    twin.write_text(text.replace("remains silent", "says nothing"), encoding="utf-8")
    code, out, _ = check("locales/en-GB")
    assert code == 0
    assert out.splitlines() == [
        "locales/en-GB/twin.po:10: warning[consistency]: translated differently than in "
        'locales/en-GB/nuklearpakt.po:10: "The Defence Minister remains silent."'
    ]
    assert check("--strict", "locales/en-GB")[0] == 1


def test_project_glossary_folder_is_used_by_default(locales: Path, workdir: Path) -> None:
    (workdir / "glossary").mkdir()
    (workdir / "glossary" / "house.csv").write_text("de,en\nMoskau,Moskva\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "locales/en"])
    glossary = [line for line in result.stdout.splitlines() if "[glossary]" in line]
    assert glossary == [f'{EN}:18: error[glossary]: "Moskau" must be translated as "Moskva"']
