"""An ``.argosmodel`` archive checked before anything is extracted: one top folder, plain files only,
no path leaving it, a bounded size, a metadata.json naming a translation package."""

from __future__ import annotations

import json
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import TranslocError
from .argos_layout import LANGUAGE_CODE

MAX_UNPACKED_BYTES = 4 << 30
MAX_ENTRIES = 10_000
MAX_RATIO = 100
"""Largest unpacked/packed size ratio for members over RATIO_FLOOR bytes. Model weights and
tokenizers compress 1–4 times; a zip bomb (3 MiB declaring 3.9 GiB) compresses about 1,000 times."""
RATIO_FLOOR = 1 << 20
MAX_METADATA_BYTES = 1 << 20
# Everything reading a damaged archive can raise (a corrupt deflate stream raises zlib.error).
ZIP_ERRORS = (
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
)


@dataclass(frozen=True)
class ArchiveInfo:
    top: str
    metadata: dict[str, Any]  # Any: parsed JSON


def _unsafe(reason: str, path: Path) -> TranslocError:
    return TranslocError(f"unsafe package archive: {reason}", path, "nothing was installed; use a genuine .argosmodel")


def inspect_archive(path: Path) -> ArchiveInfo:
    """Check an .argosmodel before anything is extracted: one top folder, plain files, metadata.json."""
    if not path.is_file():
        raise TranslocError("no such package file", path, "check the path")
    if not zipfile.is_zipfile(path):
        raise TranslocError("not a zip archive (corrupt or not an .argosmodel)", path, "download the package again")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            metadata_name = _check_members(members, path)
            top = members[0].filename.replace("\\", "/").split("/")[0]
            if archive.getinfo(metadata_name).file_size > MAX_METADATA_BYTES:
                raise _unsafe(f"metadata.json is larger than {MAX_METADATA_BYTES >> 20} MiB", path)
            with archive.open(metadata_name) as handle:
                data = handle.read(MAX_METADATA_BYTES + 1)
            if len(data) > MAX_METADATA_BYTES:
                raise _unsafe(f"metadata.json is larger than {MAX_METADATA_BYTES >> 20} MiB", path)
    except ZIP_ERRORS as exc:
        raise TranslocError(f"corrupt package archive ({exc})", path, "download the package again") from None
    try:
        metadata = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise TranslocError("metadata.json is not valid JSON", path, "download the package again") from None
    if not isinstance(metadata, dict):
        raise TranslocError("metadata.json is not an object", path, "download the package again")
    for key in ("from_code", "to_code"):
        value = metadata.get(key)
        if not isinstance(value, str) or not LANGUAGE_CODE.match(value):
            raise TranslocError(f"metadata.json has no valid {key}", path, "this is not a translation package")
    if metadata.get("type", "translate") != "translate":
        raise TranslocError(f"not a translation package (type {metadata.get('type')!r})", path)
    return ArchiveInfo(top, metadata)


def _check_members(members: list[zipfile.ZipInfo], path: Path) -> str:
    """Reject traversal, absolute paths, links and special files; return the metadata.json member name."""
    if not members:
        raise _unsafe("empty archive", path)
    if len(members) > MAX_ENTRIES:
        raise _unsafe(f"more than {MAX_ENTRIES} entries", path)
    if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise _unsafe("unpacks to more than 4 GiB", path)
    for member in members:
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise _unsafe(
                f"{member.filename!r} unpacks {member.file_size // max(member.compress_size, 1)} times its packed "
                f"size (a zip bomb?)",
                path,
            )
    tops: set[str] = set()
    names: dict[str, str] = {}
    for member in members:
        name = member.filename
        parts = name.replace("\\", "/").split("/")
        if "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name):
            raise _unsafe(f"absolute or non-portable path {name!r}", path)
        if any(part in ("..", ".") for part in parts) or "\x00" in name:
            raise _unsafe(f"path {name!r} leaves the package folder", path)
        mode = member.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise _unsafe(f"link {name!r}", path)
        if mode and stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise _unsafe(f"special file {name!r}", path)
        tops.add(parts[0])
        if not member.is_dir():
            names["/".join(parts[1:])] = name
    top = next(iter(tops))
    if len(tops) != 1 or not top or top.startswith(".") or "" in names:
        raise _unsafe("expected exactly one top-level folder", path)
    if "metadata.json" not in names:
        raise _unsafe("no metadata.json in the top-level folder", path)
    if "model/model.bin" not in names:
        raise TranslocError("package has no CTranslate2 model (model/model.bin)", path, "download the package again")
    if "sentencepiece.model" not in names and "bpe.model" not in names:
        raise TranslocError("package has no tokenizer model", path, "download the package again")
    return names["metadata.json"]


def extract_checked(path: Path, dest: Path) -> None:
    """Extract already-checked members by hand, so no zipfile path rewriting is relied on."""
    with zipfile.ZipFile(path) as archive:
        for member in archive.infolist():
            target = dest.joinpath(*member.filename.split("/"))
            if not target.resolve().is_relative_to(dest.resolve()):
                raise ValueError(f"member {member.filename!r} escapes the package folder")
            if member.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            written = 0
            with archive.open(member) as src, open(target, "wb") as out:
                # zipfile stops at the declared size; counting guards the bound checked above all the same.
                while chunk := src.read(1 << 20):
                    written += len(chunk)
                    if written > member.file_size:
                        raise ValueError(f"member {member.filename!r} unpacks beyond its declared size")
                    out.write(chunk)
