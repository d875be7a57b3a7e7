"""transloc and argostranslate share one package folder and one index, both ways.

transloc does not import argostranslate; these tests run argostranslate's own package manager in a
separate process (its settings are frozen at import) against the same isolated folders. The test command
installs argostranslate without its dependencies: its package manager needs none of its torch stack,
and ``argostranslate.translate`` (which imports stanza) is replaced in that process by a stub that only
offers the cache argostranslate clears after an install.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tinymodel import PackageServer, cached_package, isolated_env
from transloc.mt import models

pytest.importorskip("argostranslate.package", reason="argostranslate is not installed (see the README's test command)")

_PRELUDE = textwrap.dedent(
    """
    import functools, json, sys, types
    stub = types.ModuleType("argostranslate.translate")
    stub.get_installed_languages = functools.lru_cache()(lambda: [])  # cleared by argos after installs
    sys.modules["argostranslate.translate"] = stub
    from argostranslate import package
    """
)


@pytest.fixture(scope="session")
def tiny_de_en(request: pytest.FixtureRequest) -> Path:
    return cached_package(Path(request.config.cache.mkdir("transloc-tinymodel")), "translate-de_en-1_9.argosmodel")


def _use(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> models.ArgosPaths:
    """Point this process at the same folders and index, and resolve them as the CLI does."""
    for name in (
        "HOME",
        "XDG_DATA_HOME",
        "XDG_CACHE_HOME",
        "XDG_CONFIG_HOME",
        "ARGOS_PACKAGES_DIR",
        "ARGOS_PACKAGE_INDEX",
    ):
        if name in env:
            monkeypatch.setenv(name, env[name])
        else:
            monkeypatch.delenv(name, raising=False)
    return models.ArgosPaths.resolve()


def _argos(env: dict[str, str], code: str) -> object:
    """Run argostranslate code in its own process; the script prints one JSON value."""
    proc = subprocess.run(
        [sys.executable, "-c", _PRELUDE + textwrap.dedent(code)], env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


_LIST = """
print(json.dumps([[p.from_code, p.to_code, p.package_version, str(p.package_path)]
                  for p in package.get_installed_packages()]))
"""


def test_argos_uses_a_package_transloc_installed(
    tmp_path: Path, tiny_de_en: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = isolated_env(tmp_path)
    pkg = models.install_file(tiny_de_en, _use(env, monkeypatch))
    assert _argos(env, _LIST) == [["de", "en", "1.9", str(pkg.package_path)]]


def test_transloc_uses_a_package_argos_installed(
    tmp_path: Path, tiny_de_en: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = isolated_env(tmp_path)
    _argos(env, f"package.install_from_path({str(tiny_de_en)!r}); print(1)")
    found = models.find_installed("de", "en", _use(env, monkeypatch))
    assert found is not None and found.package_version == "1.9"
    assert found.package_path is not None and found.package_path.parent == Path(env["ARGOS_PACKAGES_DIR"])


def test_one_package_index_both_ways(tmp_path: Path, tiny_de_en: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The index copy either tool fetched is the one the other reads (``$XDG_DATA_HOME/argos-translate``)."""
    listing = "print(json.dumps([[p.from_code, p.to_code] for p in package.get_available_packages()]))"
    with PackageServer(tmp_path / "site", [tiny_de_en]) as server:
        env = isolated_env(tmp_path / "a", server.url)
        models.fetch_index(_use(env, monkeypatch))
        assert _argos(env, listing) == [["de", "en"]]

        env_b = isolated_env(tmp_path / "b", server.url)
        _argos(env_b, "package.update_package_index(); print(1)")
        cached = models.cached_index(_use(env_b, monkeypatch))
        assert cached is not None and [(p.from_code, p.to_code, p.links) for p in cached] == [
            ("de", "en", (server.url + tiny_de_en.name,))
        ]


def test_argos_settings_file_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``~/.config/argos-translate/settings.json`` is argostranslate's second source of settings; ours too."""
    env = isolated_env(tmp_path)
    del env["ARGOS_PACKAGES_DIR"]
    folder = tmp_path / "from-settings-file"
    config = Path(env["XDG_CONFIG_HOME"]) / "argos-translate"
    config.mkdir(parents=True)
    (config / "settings.json").write_text(json.dumps({"ARGOS_PACKAGES_DIR": str(folder)}))
    argos_dir = _argos(env, "from argostranslate import settings; print(json.dumps(str(settings.package_data_dir)))")
    assert _use(env, monkeypatch).packages_dir == Path(str(argos_dir)) == folder
