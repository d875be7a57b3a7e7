"""Reading inputs safely and writing outputs atomically.

Every file transloc writes goes through :func:`atomic_write_text`, so a crash, Ctrl-C or full disk
never leaves a half-written PO or HTML file behind.
"""

from __future__ import annotations

import errno
import os
import re
import stat
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


MAX_INPUT_BYTES = 128 << 20
"""Largest input file read (a news article is kilobytes; /dev/zero or a runaway export is not)."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def read_bytes(path: str | Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """Read an input file, turning the usual failures into one-line errors.

    Only regular files are read (a FIFO would block forever, a device never end), at most ``limit``
    bytes, and only under names that can be written into a PO reference and header: a line break
    in a file name would split ``#:`` lines and make every later run fail.
    """
    path = Path(path)
    if _CONTROL.search(str(path)):
        raise TranslocError(
            "file name contains a line break or control character", repr(str(path)), "rename the file"
        )
    try:
        info = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise TranslocError("symbolic link loop", path, "point the link at the real file") from None
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            raise TranslocError("no such file", path, "check the path") from None
        raise TranslocError(f"cannot read file ({exc.strerror or exc})", path) from None
    if stat.S_ISDIR(info.st_mode):
        raise TranslocError("is a folder, not a file", path, "name the article files inside it")
    if not stat.S_ISREG(info.st_mode):
        raise TranslocError("not a regular file (a pipe, device or socket)", path, "pass a saved file")
    if info.st_size > limit:
        raise TranslocError(f"file is larger than {limit >> 20} MiB", path, "pass the article itself, not an archive")
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise TranslocError(f"cannot read file ({exc.strerror or exc})", path) from None
    if len(data) > limit:
        raise TranslocError(f"file is larger than {limit >> 20} MiB", path, "pass the article itself, not an archive")
    if not data.strip():
        raise TranslocError("file is empty", path, "export the article again")
    return data


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > len(sample) * 0.05


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# A well-formed UTF-8 multi-byte sequence; legacy 8-bit German text almost never contains one.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _where(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def _bad_utf8(data: bytes, most: int = 10) -> list[int]:
    """Offsets of the first ``most`` bytes that are not UTF-8."""
    bad: list[int] = []
    pos = 0
    while len(bad) < most:
        try:
            data[pos:].decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            bad.append(pos + exc.start)
            pos += exc.end
    return bad


def decode_text(data: bytes, path: str | Path, *, html: bool = False) -> str:
    """Decode an article: by its byte-order mark, else UTF-8, else the declared or detected legacy charset.

    German newsroom exports still arrive as latin-1 / windows-1252; guessing wrong would put
    mojibake into every catalog, so binary data is refused rather than decoded, and a UTF-8 file
    with a few damaged bytes is reported as such instead of being read as windows-1252.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _no_nul(data[len(bom) :].decode(encoding), path)
            except UnicodeDecodeError as exc:
                raise TranslocError(
                    f"not valid {encoding.upper()} (byte {exc.start + len(bom)})", path, "re-save the file as UTF-8"
                ) from None
    if looks_binary(data):
        raise TranslocError("binary file, not a text or HTML article", path, "pass the article's .html or .txt export")
    try:
        return _no_nul(data.decode("utf-8"), path)
    except UnicodeDecodeError:
        pass
    bad = _bad_utf8(data)
    if len(_UTF8_SEQUENCE.findall(data)) > len(bad):
        shown = ", ".join(f"0x{data[o]:02x} at {_where(data, o)}" for o in bad[:3])
        more = "" if len(bad) <= 3 else f" and {len(bad) - 3}{'+' if len(bad) >= 10 else ''} more"
        raise TranslocError(
            f"UTF-8 file with bytes that are not UTF-8: {shown}{more}",
            path,
            "fix or remove those bytes and re-save as UTF-8",
        )
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
            return _no_nul(data.decode(name), path)
        except (LookupError, UnicodeDecodeError):
            continue
    raise TranslocError("cannot decode text (not UTF-8 or windows-1252)", path, "re-save the file as UTF-8")


def _no_nul(text: str, path: str | Path) -> str:
    """A NUL anywhere (not only in the first 8 KiB looked at) means binary or damaged data: PO files cannot hold it."""
    at = text.find("\x00")
    if at >= 0:
        line = text.count("\n", 0, at) + 1
        raise TranslocError(f"NUL byte on line {line}: binary or damaged data", path, "export the article again")
    return text


def read_text(path: str | Path, *, html: bool = False) -> str:
    return decode_text(read_bytes(path), path, html=html)
