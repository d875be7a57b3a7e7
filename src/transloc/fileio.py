"""Reading inputs safely and writing outputs atomically.

Every file transloc writes goes through :func:`atomic_write_text`, so a crash, Ctrl-C or full disk
never leaves a half-written PO or HTML file behind.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from .errors import TranslocError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    atomic_write_bytes(path, text.encode(encoding))


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, fsync, then rename over the target.

    A file that already holds exactly these bytes is left alone (same mtime), so re-running on
    unchanged input touches nothing and build tools, git and rsync see no change.
    """
    path = Path(path)
    try:
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise TranslocError(
            f"cannot write here ({exc.strerror or exc})", path, "choose a writable folder"
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise TranslocError(
                f"cannot write file ({exc.strerror or exc})", path, "check free space and permissions"
            ) from None
        raise


def ensure_writable_dir(path: str | Path) -> None:
    """Fail early, before any work, when an output folder cannot be created or written."""
    path = Path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".transloc-probe.", dir=path)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise TranslocError(
            f"output folder is not writable ({exc.strerror or exc})", path, "choose another folder with --out"
        ) from None


def read_bytes(path: str | Path) -> bytes:
    """Read an input file, turning the usual failures into one-line errors."""
    path = Path(path)
    if not path.exists():
        raise TranslocError("no such file", path, "check the path")
    if path.is_dir():
        raise TranslocError("is a folder, not a file", path, "name the article files inside it")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TranslocError(f"cannot read file ({exc.strerror or exc})", path) from None
    if not data.strip():
        raise TranslocError("file is empty", path, "export the article again")
    return data


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > len(sample) * 0.05


def decode_text(data: bytes, path: str | Path, *, html: bool = False) -> str:
    """Decode an article: UTF-8 (with or without BOM), else the declared or detected legacy charset.

    German newsroom exports still arrive as latin-1 / windows-1252; guessing wrong would put
    mojibake into every catalog, so binary data is refused rather than decoded.
    """
    if looks_binary(data):
        raise TranslocError("binary file, not a text or HTML article", path, "pass the article's .html or .txt export")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates: list[str] = []
    if html:
        match = _META_CHARSET.search(data[:4096])
        if match:
            candidates.append(match.group(1).decode("ascii", "replace"))
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            candidates.append(best.encoding)
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        pass
    candidates.append("cp1252")
    for name in candidates:
        name = "cp1252" if name.lower().replace("-", "") in {"iso88591", "latin1", "ascii", "usascii"} else name
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    raise TranslocError("cannot decode text (not UTF-8 or windows-1252)", path, "re-save the file as UTF-8")


def read_text(path: str | Path, *, html: bool = False) -> str:
    return decode_text(read_bytes(path), path, html=html)
