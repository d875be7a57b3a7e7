"""The library API from ``import transloc``: the same defaults as the command (settings file, project
glossary, engine from the settings), typed, and lazy so ``import transloc`` stays cheap."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib
import pytest

import transloc
from engines import CountingEngine
from transloc import Settings, TargetLocale, TranslocError, build, extract, status, translate
from transloc.mt.pseudo import PseudoEngine
from transloc.report import QuietReporter

GLOSSARY = "de,en,fr,type\nNordkorea,North Korea,Corée du Nord,place\n"


def test_every_documented_name_is_exported() -> None:
    from transloc import Draft, Engine, Hook, Reporter  # noqa: F401 - importable is the contract

    assert set(transloc.__all__) >= {
        "extract", "translate", "build", "status", "Settings", "TargetLocale", "TranslocError",
        "Engine", "Hook", "Draft", "Reporter",
    }
    for name in transloc.__all__:
        assert getattr(transloc, name) is not None
    with pytest.raises(AttributeError):
        transloc.no_such_name  # noqa: B018


def test_import_transloc_loads_no_pipeline() -> None:
    code = "import sys, transloc; print(sorted(m for m in sys.modules if m.startswith('transloc')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['transloc']"


def test_translate_takes_plain_values_and_uses_the_project_glossary(workdir: Path, example: Path) -> None:
    (workdir / "glossary").mkdir()
    (workdir / "glossary" / "terms.csv").write_text(GLOSSARY, encoding="utf-8")
    settings = Settings(engine="pseudo")
    result = translate([str(example)], "en-GB", settings)
    assert result.fill.machine > 30 and result.engine_label and "pseudo" in result.engine_label
    po = polib.pofile(str(workdir / "locales" / "en-GB" / f"{example.stem}.po"))
    assert po.metadata["Language"] == "en_GB"
    assert any("glossary: Nordkorea → North Korea" in e.comment for e in po)
    assert (workdir / "build" / "en-GB" / f"{example.stem}.html").exists()


def test_engine_may_be_given_as_a_factory_of_the_target_locale(workdir: Path, example: Path) -> None:
    seen: list[TargetLocale] = []

    def factory(target: TargetLocale) -> CountingEngine:
        seen.append(target)
        return CountingEngine()

    CountingEngine.calls = 0
    translate([example], "fr", Settings(), engine=factory)
    assert [t.tag for t in seen] == ["fr"] and CountingEngine.calls > 0
    seen.clear()
    again = translate([example], "fr", Settings(), engine=factory)
    assert seen == [] and again.fill.machine == 0  # nothing new: no engine is made at all


def test_an_engine_object_is_used_as_it_is(workdir: Path, example: Path) -> None:
    engine = PseudoEngine()
    assert translate([example], "en", Settings(), engine=engine).engine_label == engine.label


def test_extract_build_status_round_trip(workdir: Path, example: Path) -> None:
    run = extract([example], "en", Settings())
    (job,) = run.jobs
    assert job.po_path.exists()
    (built,) = build([example], "en", Settings())
    assert built.outputs and built.share == 0.0
    (row,) = status(Settings())
    assert row.path == job.po_path and row.stats.untranslated == len([e for e in job.po if not e.obsolete])


def test_settings_file_in_the_current_folder_is_the_default(workdir: Path, example: Path) -> None:
    (workdir / "transloc.toml").write_text('locales = "cat"\nengine = "pseudo"\n', encoding="utf-8")
    translate([example], "en", reporter=QuietReporter())
    assert (workdir / "cat" / "en" / f"{example.stem}.po").exists()


def test_bad_locale_is_a_transloc_error(workdir: Path, example: Path) -> None:
    with pytest.raises(TranslocError, match="unknown target language"):
        extract([example], "xx-QQ-nonsense", Settings())


def test_resolve_settings_takes_given_values_over_the_file(workdir: Path) -> None:
    from transloc.config import resolve_settings

    (workdir / "transloc.toml").write_text('out = "site"\nbatch_size = 8\n', encoding="utf-8")
    settings = resolve_settings(None, out=None, batch_size=16, glossary=())
    assert settings.out == Path("site") and settings.batch_size == 16 and settings.glossary == [Path("glossary")]
    with pytest.raises(TypeError):
        resolve_settings(None, no_such_setting=1)


def test_the_readme_library_example_runs(workdir: Path, corpus: Path) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## As a library") :]
    code = section[section.index("```python") + len("```python") : section.index("```\n", section.index("```python"))]
    assert "from transloc import" in code and "pipeline" not in code
    html = min((corpus / "html").glob("*.html"), key=lambda p: p.stat().st_size)
    (workdir / "article.html").write_bytes(html.read_bytes())
    exec(compile(code, "README.md", "exec"), {})
    assert (workdir / "build" / "en-GB" / "article.html").exists()
