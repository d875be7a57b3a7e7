"""Shared fixtures: the reference corpus beside the checkout, and an isolated working folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import CORPUS, CORPUS_MISSING, EXAMPLE


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(CORPUS_MISSING)
    return CORPUS


@pytest.fixture
def example(corpus: Path, tmp_path: Path) -> Path:
    """A private copy of the example article (tests may edit it)."""
    target = tmp_path / "src" / EXAMPLE.name
    target.parent.mkdir()
    shutil.copy(EXAMPLE, target)
    return target


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder so locales/ and build/ land in tmp, with no project glossary."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("TRANSLOC_DEBUG", raising=False)
    return work


@pytest.fixture
def argos_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # -> transloc.mt.models.ArgosPaths
    """An isolated Argos setup: packages and user folders under tmp, an index URL nothing listens on,
    no ARGOS_* tuning from the caller's environment."""
    from transloc.mt import models

    for name in ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")
    for name in ("ARGOS_BEAM_SIZE", "ARGOS_INTRA_THREADS", "ARGOS_INTER_THREADS"):
        monkeypatch.delenv(name, raising=False)
    return models.ArgosPaths.resolve()
