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
