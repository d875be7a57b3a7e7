"""Term use through the whole pipeline (`transloc translate`, then `transloc glossary coverage`): 100 % on the
example article with the pseudo engine and with the Argos engine on a tiny random-weight model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polib
import pytest
from click.testing import CliRunner

from tinymodel import cached_package
from transloc.cli import main
from transloc.glossary import load_glossary, term_use

SHIPPED = Path(__file__).resolve().parents[1] / "glossary"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def argos_de_en(argos_paths: Any, request: pytest.FixtureRequest) -> None:
    """A tiny de→en package installed in an isolated Argos folder (no network)."""
    from transloc.mt import models

    cache = Path(request.config.cache.mkdir("transloc-tinymodel"))
    models.install_file(cached_package(cache, "translate-de_en-1_0.argosmodel", version="1.0"), argos_paths)


@pytest.mark.parametrize("engine", ["pseudo", "argos"])
def test_term_use_is_complete_on_the_example_article(
    workdir: Path, example: Path, engine: str, request: pytest.FixtureRequest
) -> None:
    if engine == "argos":
        request.getfixturevalue("argos_de_en")
    code, _, err = run("translate", "--to", "en", "--engine", engine, "--glossary", str(SHIPPED), str(example))
    assert code == 0, err
    (catalog,) = (workdir / "locales" / "en").glob("*.po")
    po = polib.pofile(str(catalog))
    hits, total = term_use(load_glossary([SHIPPED]), po, "en")
    assert total >= 60 and hits == total
    # What was applied is recorded for the reviewer.
    putin = next(e for e in po if e.msgid.startswith("Der US-Geheimdienst warnt"))
    assert "glossary: Wladimir Putin → Vladimir Putin" in putin.comment
    assert "Vladimir Putin" in putin.msgstr and "Wladimir" not in putin.msgstr
    code, out, _ = run("glossary", "coverage", "--glossary", str(SHIPPED), str(catalog))
    assert code == 0 and out.splitlines()[-1] == f"term use: {total}/{total} 100.0 %"
