"""Where an article's catalog and editions live, and which source a catalog belongs to.

Catalogs and editions mirror the article's path relative to the project folder (the folder of
``transloc.toml``, else the current folder), so ``site/a/index.html`` and ``site/b/index.html``
never share ``locales/en/index.po``. An article directly in the project folder, or outside it,
keeps the flat ``<stem>.po``; the ``X-Transloc-Source`` header then tells same-named sources apart.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import TranslocError

SOURCE_HEADER = "X-Transloc-Source"
"""The article a catalog belongs to: its path relative to the project folder, with ``/``."""
BASEPATH_HEADER = "X-Poedit-Basepath"
"""Poedit resolves ``#:`` references from here; transloc writes them relative to the catalog."""


@dataclass(frozen=True)
class Place:
    """An article's identity (``source``) and the relative path its catalog and editions take (``mirror``)."""

    source: str
    mirror: PurePosixPath

    def catalog(self, locales: Path, tag: str) -> Path:
        return Path(locales) / tag / self.mirror.parent / f"{self.mirror.name}.po"

    def output(self, out: Path, tag: str, suffix: str) -> Path:
        return Path(out) / tag / self.mirror.parent / f"{self.mirror.name}{suffix}"


def place(article: Path, project: Path) -> Place:
    """The article's path relative to ``project``; folders are mirrored only for articles inside it."""
    relative = _relative(Path(article), Path(project))
    parts = PurePosixPath(relative).parts
    inside = ".." not in parts and not PurePosixPath(relative).is_absolute()
    stem = Path(article).stem
    mirror = PurePosixPath(*parts[:-1], stem) if inside else PurePosixPath(stem)
    return Place(source=relative, mirror=mirror)


def _relative(article: Path, project: Path) -> str:
    """``os.path.relpath`` on absolute paths (symlinks kept as named); absolute when on another drive."""
    target, base = os.path.abspath(article), os.path.abspath(project)
    try:
        relative = os.path.relpath(target, base)
    except ValueError:  # Windows: another drive
        return PurePosixPath(Path(target).as_posix()).as_posix()
    if relative.startswith(".."):  # maybe inside after all, through a symlinked project folder
        resolved = os.path.relpath(os.path.realpath(article), os.path.realpath(project))
        if not resolved.startswith(".."):
            relative = resolved
    return Path(relative).as_posix()


def reference(article: Path, catalog: Path) -> str:
    """The ``#:`` file name of ``article`` as seen from the catalog's folder (what Poedit opens)."""
    return Path(os.path.relpath(os.path.abspath(article), os.path.abspath(Path(catalog).parent))).as_posix()


def claim(metadata: dict[str, str], po_path: Path, where: Place) -> None:
    """Record in a catalog's header that it belongs to ``where.source``; refuse one that belongs to another.

    A catalog from before this header existed is adopted by the first article merged into it.
    """
    owner = metadata.get(SOURCE_HEADER)
    if owner and owner != where.source:
        raise TranslocError(
            f"belongs to {owner}, not to {where.source}; nothing was changed",
            po_path,
            "the two articles would share one catalog — give one another file name, or move it into the project "
            "folder (catalogs mirror paths inside it), or use another --locales",
        )
    metadata[SOURCE_HEADER] = where.source
    metadata[BASEPATH_HEADER] = "."


_OWNER = re.compile(r'^"X-Transloc-Source: ((?:[^"\\]|\\.)*)\\n"$', re.M)


def recorded_source(po_path: Path) -> str | None:
    """The ``X-Transloc-Source`` of a catalog on disk, read from its header only (cheap, no full parse);
    None when the catalog or the field is missing or unreadable (the full read reports those)."""
    try:
        with open(po_path, "rb") as handle:
            head = handle.read(16384).decode("utf-8", errors="replace")
    except OSError:
        return None
    match = _OWNER.search(head)
    return match.group(1).replace('\\"', '"').replace("\\\\", "\\") if match else None


def check_owners(articles: Iterable[Path], project: Path, locales: Path, tags: Iterable[str]) -> None:
    """Before a run over several languages writes anything: every catalog it will merge into belongs to
    its article (else one line naming both, and nothing changed for any language)."""
    places = [place(Path(a), project) for a in articles]
    for tag in tags:
        for where in places:
            po_path = where.catalog(locales, tag)
            owner = recorded_source(po_path)
            if owner is not None:
                claim({SOURCE_HEADER: owner}, po_path, where)
