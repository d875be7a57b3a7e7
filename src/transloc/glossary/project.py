"""Which glossaries a project uses: the settings' ``glossary`` folders and files that exist, plus the
ones named for this run (``--glossary``), which must exist.

Never the folder of the installed package or of a source checkout: a glossary nobody asked for
would silently change every translation.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..config import Settings
from ..errors import TranslocError
from .lint import load_glossary
from .match import Glossary


def glossary_paths(settings: Settings, extra: Sequence[Path] = (), *, required: bool = False) -> list[Path]:
    """The glossary files and folders to read; ``required``: none at all is an error."""
    for path in extra:
        if not Path(path).exists():
            raise TranslocError("no such glossary file or folder", path, "check the --glossary path")
    paths = [Path(p) for p in settings.glossary if Path(p).exists()] + [Path(p) for p in extra]
    if required and not paths:
        raise TranslocError("no glossary found", "glossary/", "create glossary/*.csv or pass --glossary PATH")
    return paths


def project_glossary(settings: Settings, extra: Sequence[Path] = (), *, required: bool = False) -> Glossary | None:
    """The project's glossary, loaded; None when the project has none (and none is ``required``)."""
    paths = glossary_paths(settings, extra, required=required)
    return load_glossary(paths) if paths else None
