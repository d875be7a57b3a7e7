"""Argos Translate's on-disk layout and settings, read the way argostranslate reads them.

transloc does not depend on ``argostranslate``: that package pulls stanza, spaCy and torch (a multi-GB
install) only for sentence splitting that transloc does itself. What the two tools must share is the
layout — the packages folder, the package index and each package's ``metadata.json`` — so a package
installed by either tool is used by the other. This module reproduces argostranslate 1.11's rules:
an environment variable wins over ``~/.config/argos-translate/settings.json``, which wins over the
default under ``$XDG_DATA_HOME``; unlike argostranslate, nothing is frozen at import time.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}([_-][a-zA-Z0-9]{2,8})?$")
"""A language code as packages write it (``de``, ``pt_BR``, ``zh-Hant``)."""


def _home() -> Path:
    if "SNAP" in os.environ and os.environ.get("SNAP_USER_DATA"):
        return Path(os.environ["SNAP_USER_DATA"])
    return Path(os.environ.get("HOME") or Path.home())


def data_dir() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or _home() / ".local" / "share") / "argos-translate"


def cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or _home() / ".local" / "cache") / "argos-translate"


def settings_file() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or _home() / ".config") / "argos-translate" / "settings.json"


def setting(key: str, default: str) -> str:
    """An Argos setting: environment first, then settings.json, then the default (as argostranslate does)."""
    value = os.environ.get(key)
    if value is not None:
        return value
    try:
        stored = json.loads(settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stored = {}
    if isinstance(stored, dict) and stored.get(key) is not None:
        return str(stored[key])
    return default


def packages_dir() -> Path:
    return Path(setting("ARGOS_PACKAGES_DIR", str(data_dir() / "packages")))


def package_index() -> str:
    return setting("ARGOS_PACKAGE_INDEX", DEFAULT_INDEX)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


@dataclass(frozen=True)
class PackageMeta:
    """What transloc needs of a package's ``metadata.json`` or of an index entry."""

    from_code: str
    to_code: str
    package_version: str = ""
    argos_version: str = ""
    from_name: str = ""
    to_name: str = ""
    type: str = "translate"
    target_prefix: str = ""
    links: tuple[str, ...] = ()
    package_path: Path | None = field(default=None, compare=False)

    @classmethod
    def from_json(cls, data: object, package_path: Path | None = None) -> PackageMeta:
        """Raises ValueError when the object is not a package description."""
        if not isinstance(data, dict):
            raise ValueError("package metadata is not a JSON object")
        from_code, to_code = data.get("from_code"), data.get("to_code")
        if not isinstance(from_code, str) or not isinstance(to_code, str):
            raise ValueError("package metadata has no from_code/to_code")
        links = data.get("links")
        return cls(
            from_code=from_code,
            to_code=to_code,
            package_version=_text(data.get("package_version")),
            argos_version=_text(data.get("argos_version")),
            from_name=_text(data.get("from_name")),
            to_name=_text(data.get("to_name")),
            type=_text(data.get("type")) or "translate",
            target_prefix=_text(data.get("target_prefix")),
            links=tuple(link for link in links if isinstance(link, str)) if isinstance(links, list) else (),
            package_path=package_path,
        )

    @classmethod
    def from_folder(cls, folder: Path) -> PackageMeta:
        """An installed package; raises OSError or ValueError when the folder is not one."""
        with open(folder / "metadata.json", encoding="utf-8") as handle:
            return cls.from_json(json.load(handle), package_path=folder)

    @property
    def name(self) -> str:
        """argospm's name for the package: ``translate-de_en``."""
        return f"{self.type}-{self.from_code}_{self.to_code}" if self.from_code and self.to_code else self.type

    @property
    def installed(self) -> bool:
        return self.package_path is not None


@dataclass(frozen=True)
class ArgosPaths:
    """Where packages live and where the index comes from, resolved once per command."""

    packages_dir: Path
    index_url: str
    local_index: Path
    downloads_dir: Path

    @classmethod
    def resolve(cls, packages_dir: str | Path | None = None, index_url: str | None = None) -> ArgosPaths:
        return cls(
            Path(packages_dir) if packages_dir is not None else default_packages_dir(),
            index_json_url(index_url if index_url is not None else package_index()),
            data_dir() / "index.json",
            cache_dir() / "downloads",
        )


default_packages_dir = packages_dir  # the module function, under a name the classmethod's argument does not hide


def index_json_url(base: str) -> str:
    """Argos appends ``index.json`` to ARGOS_PACKAGE_INDEX; accept the base with or without ``/``, or the file."""
    if base.endswith(".json"):
        return base
    return base if base.endswith("/index.json") else base.rstrip("/") + "/index.json"
