"""Inputs are decoded whatever the newsroom's encoding; outputs are written atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from transloc.errors import TranslocError
from transloc.fileio import atomic_write_text, read_text

GERMAN = "Größere Übungen: „Nordkorea“ – 5 € für Bäume, Straße, Öl."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
def test_html_in_any_newsroom_encoding(tmp_path: Path, encoding: str) -> None:
    text = GERMAN if encoding.startswith(("utf", "cp")) else GERMAN.replace("„", '"').replace("“", '"').replace(
        "–", "-").replace("€", "EUR")
    page = f'<html><head><meta charset="{encoding}"></head><body><p>{text}</p></body></html>'
    path = tmp_path / "page.html"
    path.write_bytes(page.encode(encoding))
    assert text in read_text(path, html=True)


def test_legacy_text_without_declaration(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_bytes(((GERMAN + "\n") * 3).encode("cp1252"))
    assert read_text(path).startswith(GERMAN)


@pytest.mark.parametrize(
    "content, message",
    [(None, "no such file"), (b"", "file is empty"), (b"\x00\x01\x02" * 100, "binary file")],
)
def test_unreadable_inputs(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(TranslocError) as info:
        read_text(path)
    assert str(info.value).startswith(f"{path}: {message}")


def test_atomic_write_replaces_whole_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "out.po"
    atomic_write_text(target, "first")
    atomic_write_text(target, "second")
    assert target.read_text() == "second"
    assert os.listdir(target.parent) == ["out.po"]


def test_atomic_write_failure_keeps_old_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.po"
    target.write_text("precious")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(TranslocError) as info:
        atomic_write_text(target, "new content")
    assert "No space left" in str(info.value) and str(target) in str(info.value)
    assert target.read_text() == "precious"
    assert sorted(os.listdir(tmp_path)) == ["out.po"]
