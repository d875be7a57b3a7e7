"""`transloc glossary lint|import|export|coverage` through the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from transloc.cli import main

DATA = Path(__file__).parent / "data" / "glossary"
SHIPPED = Path(__file__).resolve().parents[1] / "glossary"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["glossary", *args])
    return result.exit_code, result.stdout, result.stderr


def test_lint_shipped_glossary_passes() -> None:
    code, out, err = run("lint", str(SHIPPED))
    assert (code, out) == (0, "")
    assert "0 error(s), 0 warning(s)" in err


def test_lint_reports_file_line_and_fails(workdir: Path) -> None:
    shutil.copy(DATA / "bad.csv", workdir / "bad.csv")
    code, out, err = run("lint", "bad.csv")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("bad.csv:1: error: bad header 'colour'")
    assert "bad.csv:3: error: empty de cell: every term needs its source form" in lines
    assert "bad.csv:8: error: duplicate de term 'wladimir putin', first defined at bad.csv:2" in lines
    assert "3 term(s) in 1 file(s)" in err


def test_lint_warnings_fail_only_with_strict(workdir: Path) -> None:
    (workdir / "g.csv").write_text("de,en,fr\nKreml,Kremlin,\n", encoding="utf-8")
    code, out, _ = run("lint", "g.csv")
    assert code == 0 and out == "g.csv:2: warning: empty fr cell: 'Kreml' is not enforced for fr\n"
    assert run("lint", "--strict", "g.csv")[0] == 1


def test_lint_defaults_to_project_glossary_folder(workdir: Path) -> None:
    (workdir / "glossary").mkdir()
    (workdir / "glossary" / "a.csv").write_text("de,en\nKreml,Kremlin\n", encoding="utf-8")
    (workdir / "glossary" / "b.csv").write_text("de,en\nKreml,Kremlin palace\n", encoding="utf-8")
    code, out, _ = run("lint")
    assert code == 1
    assert out.splitlines() == [
        "glossary/b.csv:2: error: conflicting targets for 'Kreml' with glossary/a.csv:2: "
        "en 'Kremlin palace' vs 'Kremlin'"
    ]


def test_export_then_import_round_trips(workdir: Path) -> None:
    assert run("export", "--glossary", str(SHIPPED), "-o", "terms.tbx")[0] == 0
    code, _, err = run("import", "terms.tbx")
    assert code == 0 and "→ glossary/terms.csv" in err
    assert (workdir / "glossary" / "terms.csv").read_text(encoding="utf-8") == (SHIPPED / "news.csv").read_text(
        encoding="utf-8"
    )
    # No silent overwrite.
    code, _, err = run("import", "terms.tbx")
    assert code == 2 and "file exists" in err


def test_import_refuses_concepts_without_source(workdir: Path) -> None:
    shutil.copy(DATA / "terms.tbx", workdir / "terms.tbx")
    code, out, _ = run("import", "terms.tbx")
    assert code == 1 and out == "terms.tbx:16: error: concept has no 'de' term\n"
    assert not (workdir / "glossary").exists()


def test_coverage_prints_term_use(workdir: Path) -> None:
    shutil.copytree(DATA / "locales", workdir / "locales")
    code, out, _ = run("coverage", "--glossary", str(SHIPPED), "locales/en-GB/nuklearpakt.po", "locales/en/other.po")
    assert code == 0
    assert out.splitlines() == [
        "locales/en-GB/nuklearpakt.po: 3/3 100.0 % (en-GB)",
        "locales/en/other.po: 2/3 66.7 % (en)",
        "term use: 5/6 83.3 %",
    ]
    assert run("coverage", "--glossary", str(SHIPPED), "--min", "90", "locales/en/other.po")[0] == 1


def test_match_shows_terms_and_targets(workdir: Path) -> None:
    (workdir / "glossary").mkdir()
    (workdir / "glossary" / "g.csv").write_text(
        "de,en,en-GB,dnt\nPutin,Putin,,\nVerteidigungsminister,Defense Minister,"
        "Defence Minister,\nDaily Express,,,yes\n",
        encoding="utf-8",
    )
    code, out, _ = run("match", "--to", "en-GB", "Putins Pläne, des Verteidigungsministers Rede im Daily Express")
    assert code == 0
    assert out.splitlines() == [
        "Putins → Putin's    [Putin; glossary/g.csv:2; genitive]",
        "Verteidigungsministers → Defence Minister    [Verteidigungsminister; glossary/g.csv:3; genitive]",
        "Daily Express → Daily Express    [Daily Express; glossary/g.csv:4; dnt]",
    ]
    code, out, err = run("match", "Nichts hier")
    assert (code, out) == (0, "") and "no glossary term found" in err
