"""End to end through the `transloc` command with tiny real Argos packages and a local package index.

Each command runs in its own process with HOME, XDG folders, ARGOS_PACKAGES_DIR and ARGOS_PACKAGE_INDEX
pointing into tmp, because argostranslate reads its settings once per process.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import polib
import pytest

from tinymodel import PackageServer, cached_package, isolated_env, repack

ARTICLE = """Politik

Russland und Nordkorea schließen einen geheimen Pakt

Experten warnen vor enormen Konsequenzen. Der Minister sagte am Montag nichts dazu.

Die Regierung in Berlin will die Lage in der kommenden Woche beraten.
"""


@pytest.fixture(scope="session")
def tiny_de_en(request: pytest.FixtureRequest) -> Path:
    return cached_package(Path(request.config.cache.mkdir("transloc-tinymodel")), "translate-de_en-1_9.argosmodel")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    work = tmp_path / "work"
    work.mkdir()
    path = work / "pakt.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def transloc(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "transloc", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=180
    )


def one_line_error(run: subprocess.CompletedProcess[str]) -> str:
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    return lines[0]


def test_help_imports_no_mt_libraries(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom transloc.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('ctranslate2', 'argostranslate', 'sentencepiece', 'torch') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], env=isolated_env(tmp_path), capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "[]"


def test_models_list_install_and_translate_online(tmp_path: Path, tiny_de_en: Path, article: Path) -> None:
    en_fr = repack(
        tiny_de_en, tmp_path / "translate-en_fr-1_9.argosmodel", metadata={"from_code": "en", "to_code": "fr"}
    )
    with PackageServer(tmp_path / "srv", [tiny_de_en, en_fr]) as server:
        env = isolated_env(tmp_path / "env", server.url)
        packages = Path(env["ARGOS_PACKAGES_DIR"])

        listed = transloc("models", "list", env=env, cwd=article.parent)
        assert listed.returncode == 0, listed.stderr
        assert "(none)" in listed.stdout
        assert "translate-de_en" in listed.stdout and "translate-en_fr" in listed.stdout

        # First use installs the package from the index, then translates with it.
        run = transloc("translate", "--to", "en", article.name, env=env, cwd=article.parent)
        assert run.returncode == 0, run.stderr
        assert "installed Argos package translate-de_en 1.9" in run.stderr
        assert (packages / "translate-de_en-1_9" / "metadata.json").is_file()
        po = polib.pofile(str(article.parent / "locales" / "en" / "pakt.po"))
        entries = [e for e in po if not e.obsolete]
        assert entries and all(e.msgstr for e in entries)
        assert all("mt: argos translate-de_en 1.9" in e.comment and "fuzzy" in e.flags for e in entries)

        # No de→fr package: the en→fr leg is installed and de→fr pivots via English.
        run = transloc("translate", "--to", "fr", article.name, env=env, cwd=article.parent)
        assert run.returncode == 0, run.stderr
        po = polib.pofile(str(article.parent / "locales" / "fr" / "pakt.po"))
        assert all("mt: argos de→en 1.9 + en→fr 1.9" in e.comment for e in po if not e.obsolete)

        listed = transloc("models", "list", env=env, cwd=article.parent)
        assert "[installed]" in listed.stdout

        again = transloc("models", "install", "de", "en", env=env, cwd=article.parent)
        assert again.returncode == 0, again.stderr
        assert "already installed: translate-de_en 1.9" in again.stdout


def test_models_install_from_index_and_from_file(tmp_path: Path, tiny_de_en: Path) -> None:
    with PackageServer(tmp_path / "srv", [tiny_de_en]) as server:
        env = isolated_env(tmp_path / "env", server.url)
        run = transloc("models", "install", "de", "en", env=env, cwd=tmp_path)
        assert run.returncode == 0, run.stderr
        assert "installed: translate-de_en 1.9" in run.stdout
    env = isolated_env(tmp_path / "env2")
    run = transloc("models", "install", str(tiny_de_en), env=env, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert (Path(env["ARGOS_PACKAGES_DIR"]) / "translate-de_en-1_9" / "model" / "model.bin").is_file()
    offline = transloc("models", "list", env=env, cwd=tmp_path)
    assert offline.returncode == 0
    assert "translate-de_en" in offline.stdout and "index cannot be reached" in offline.stderr


def test_unsafe_package_file_is_refused(tmp_path: Path) -> None:
    evil = tmp_path / "evil.argosmodel"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("pkg/metadata.json", json.dumps({"from_code": "de", "to_code": "en"}))
        archive.writestr("pkg/../../escaped.txt", "gotcha")
    env = isolated_env(tmp_path / "env")
    line = one_line_error(transloc("models", "install", str(evil), env=env, cwd=tmp_path))
    assert "unsafe package archive" in line and str(evil) in line
    assert not (tmp_path / "escaped.txt").exists() and not (tmp_path / "env" / "escaped.txt").exists()
    packages = Path(env["ARGOS_PACKAGES_DIR"])
    assert not packages.exists() or list(packages.iterdir()) == []


def test_offline_without_package_stops_before_touching_catalogs(tmp_path: Path, article: Path) -> None:
    env = isolated_env(tmp_path / "env")  # index on a closed port
    line = one_line_error(transloc("translate", "--to", "en", article.name, env=env, cwd=article.parent))
    assert "translate-de_en" in line
    assert "transloc models install de en" in line and "transloc models install FILE" in line
    assert not (article.parent / "locales").exists()
    assert not [p for p in (article.parent / "build").rglob("*") if p.is_file()]
    # The pseudo engine needs no model and keeps working offline.
    run = transloc("translate", "--to", "en", "--engine", "pseudo", article.name, env=env, cwd=article.parent)
    assert run.returncode == 0, run.stderr
    assert (article.parent / "locales" / "en" / "pakt.po").is_file()
