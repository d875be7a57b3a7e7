"""Reading and saving PO catalogs so that no one's work is lost, hidden or churned.

* A catalog is decoded and written in the charset its header declares; text that charset cannot
  hold switches the file to UTF-8 and the header with it. An unknown charset is a one-line error.
* Two entries with the same msgid (as gettext's tools refuse them) are an error naming both lines:
  picking one would silently drop the other's translation.
* Saving re-reads the file when it changed on disk since it was read (a reviewer saved in Poedit,
  another transloc process finished a batch) and keeps those edits: a person's translation wins
  over machine output. The re-read, merge and write happen under a lock shared by all transloc
  processes, so concurrent runs serialise instead of overwriting each other.
* The file is written in gettext's canonical layout and only when its bytes change, so an unchanged
  run leaves it untouched (same bytes, same mtime, same ``PO-Revision-Date``).
"""

from __future__ import annotations

import bisect
import codecs
import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from .errors import TranslocError
from .fileio import atomic_write_bytes, read_bytes
from .po_layout import po_text

if TYPE_CHECKING:
    from filelock import FileLock

FUZZY = "fuzzy"
SOURCE_COMMENT_PREFIXES = ("block:", "hint:")
_CHARSET = re.compile(rb'"Content-Type:[^"\n]*?charset=([^"\s\\]+)')
_KEYWORD = r"(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)"
_UNTERMINATED = re.compile(rf'^\s*(?:#~\s*)?{_KEYWORD}?\s*"[^"\\]*(?:\\.[^"\\]*)*$')
_OBSOLETE_PREVIOUS = re.compile(r"^#~\| ", re.M)
_OTHER_LINE_BREAKS = re.compile("[\r\v\f\x1c-\x1e\x85\u2028\u2029]")  # str.splitlines() breaks there
_STRING = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
# A keyword line and the string lines continuing it, all with the same prefix (obsolete, previous).
_CONTINUED = re.compile(
    rf"^(?P<prefix>#~ |#\| |){_KEYWORD} {_STRING}(?:\n(?P=prefix){_STRING})+$", re.M
)
_SNAPSHOT = "_transloc_snapshot"
_RESTORE = "fix the PO file or restore it from git"

Key = tuple[str | None, str]


@dataclass(frozen=True)
class _State:
    """What a person may have changed in an entry."""

    msgstr: str
    plural: tuple[tuple[int, str], ...]
    flags: tuple[str, ...]
    tcomment: str
    obsolete: bool


@dataclass
class _Snapshot:
    """The catalog as last read from or written to disk, the base of a three-way merge."""

    data: bytes | None
    entries: dict[Key, _State] = field(default_factory=dict)
    metadata: dict[str, str] = field(default_factory=dict)


def key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt, entry.msgid)


def _state(entry: polib.POEntry) -> _State:
    plural = tuple(sorted((int(k), str(v)) for k, v in (entry.msgstr_plural or {}).items()))
    return _State(entry.msgstr or "", plural, tuple(sorted(entry.flags)), entry.tcomment or "", bool(entry.obsolete))


def _remember(po: polib.POFile, data: bytes | None) -> None:
    setattr(po, _SNAPSHOT, _Snapshot(data, {key(e): _state(e) for e in po}, dict(po.metadata)))


def _snapshot(po: polib.POFile) -> _Snapshot:
    snap = getattr(po, _SNAPSHOT, None)
    return snap if isinstance(snap, _Snapshot) else _Snapshot(None)


# ----------------------------------------------------------------------------- reading


def declared_charset(data: bytes) -> str:
    """The header's ``charset=`` (UTF-8 when there is none, or the POT placeholder ``CHARSET``)."""
    match = _CHARSET.search(data.split(b"\n\n", 1)[0])  # the header is the first entry
    if match is None:
        return "UTF-8"
    name = match.group(1).decode("ascii", "replace")
    return "UTF-8" if name.upper() == "CHARSET" else name


def _codec(charset: str, path: Path) -> str:
    try:
        return codecs.lookup(charset).name
    except LookupError:
        raise TranslocError(
            f"unknown charset {charset!r} in the Content-Type header", path, "declare UTF-8 (or a charset iconv knows)"
        ) from None


def parse(data: bytes, path: Path) -> polib.POFile:
    """Decode in the declared charset, parse, and refuse duplicate entries; errors name file and line."""
    charset = declared_charset(data)
    codec = _codec(charset, path)
    if data.startswith(codecs.BOM_UTF8) and codec == "utf-8":
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TranslocError(
            f"line {line}: bytes that are not {charset} (the charset its header declares)",
            path,
            "re-save the file in that charset or correct the header",
        ) from None
    # polib reads ``#|`` but not the ``#~|`` that gettext writes for an obsolete entry's previous msgid
    joined, original_line, whole = join_continuations(_OBSOLETE_PREVIOUS.sub("#| ", text))
    for number, line_text in enumerate(joined.splitlines(), 1):
        if number not in whole and _UNTERMINATED.match(line_text):
            raise TranslocError(f"line {original_line(number)}: unterminated string", path, _RESTORE)
    try:
        po = polib.pofile(joined, wrapwidth=78)
    except (OSError, ValueError) as exc:
        match = re.search(r"line (\d+)", str(exc))
        where = f"line {original_line(int(match.group(1)))}: " if match else ""
        raise TranslocError(f"{where}PO syntax error", path, _RESTORE) from None
    for entry in po:
        entry.linenum = original_line(entry.linenum or 0)
    po.encoding = charset
    _refuse_duplicates(po, path, text.splitlines())
    return po


def join_continuations(text: str) -> tuple[str, Callable[[int], int], set[int]]:
    """Each string continued over several lines, as one line; the map back to original line numbers;
    and the joined lines (whole strings by construction).

    polib appends every continuation line to the string read so far, which is quadratic in the
    length of a long message (a paragraph with 100,000 inline elements took seconds to read). A
    string split over lines means the concatenation of its pieces, so joining them changes nothing
    but polib's work. Lines that do not match the strict pattern are left for polib to judge, and a
    file with line breaks other than ``\\n`` (which polib counts as lines too) is left as it is.
    """
    if _OTHER_LINE_BREAKS.search(text):
        return text, lambda number: number, set()
    starts: list[int] = []  # line (in the joined text) where a joined string starts
    removed: list[int] = []  # original lines removed up to and including that string
    position, line, total = 0, 1, 0

    def join(match: re.Match[str]) -> str:
        nonlocal position, line, total
        line += text.count("\n", position, match.start())
        position = match.start()
        block = match.group(0)
        starts.append(line - total)
        total += block.count("\n")
        removed.append(total)
        return block.replace(f'"\n{match.group("prefix")}"', "")

    joined = _CONTINUED.sub(join, text)

    def original_line(number: int) -> int:
        index = bisect.bisect_left(starts, number)  # joined strings that start before this line
        return number + (removed[index - 1] if index else 0)

    return joined, original_line, set(starts)


def _msgid_line(lines: list[str], start: int | None) -> int:
    """The line of an entry's ``msgid`` (polib knows only where the entry's comments begin)."""
    start = start or 1
    for number in range(start, len(lines) + 1):
        if lines[number - 1].lstrip("#~ ").startswith("msgid ") and not lines[number - 1].startswith("#|"):
            return number
    return start


def _refuse_duplicates(po: polib.POFile, path: Path, lines: list[str]) -> None:
    first: dict[Key, polib.POEntry] = {}
    for entry in po:
        earlier = first.setdefault(key(entry), entry)
        if earlier is not entry:
            shown = entry.msgid if len(entry.msgid) <= 40 else entry.msgid[:39] + "…"
            raise TranslocError(
                f"duplicate entry for msgid {shown!r}, first at {path}:{_msgid_line(lines, earlier.linenum)}",
                f"{path}:{_msgid_line(lines, entry.linenum)}",
                "keep one of the two entries (copy over the translation you want), then run again",
            )


def load(path: Path) -> polib.POFile:
    data = read_bytes(path)
    po = parse(data, path)
    _remember(po, data)
    return po


# ----------------------------------------------------------------------------- merging edits made on disk


def absorb_disk_edits(po: polib.POFile, theirs: polib.POFile) -> int:
    """Bring edits made on disk since ``po`` was read into ``po``; they win over in-memory changes.

    Returns how many entries took the version on disk.
    """
    base = _snapshot(po)
    ours = {key(e): e for e in po}
    taken = 0
    for entry in theirs:
        k = key(entry)
        if base.entries.get(k) == _state(entry):
            continue  # untouched on disk since we read it
        mine = ours.get(k)
        if mine is None:
            if entry.msgstr or any(entry.msgstr_plural.values() if entry.msgstr_plural else ()):
                entry.obsolete = True  # not in the source any more, but a translation is never dropped
                entry.occurrences = []
                po.append(entry)
                taken += 1
            continue
        if _state(mine) == _state(entry):
            continue
        mine.msgstr = entry.msgstr
        mine.msgstr_plural = dict(entry.msgstr_plural or {})
        mine.flags = list(entry.flags)
        mine.tcomment = entry.tcomment
        if FUZZY not in mine.flags:
            mine.previous_msgid = mine.previous_msgctxt = mine.previous_msgid_plural = None
        source = [line for line in (mine.comment or "").splitlines() if line.startswith(SOURCE_COMMENT_PREFIXES)]
        notes = [line for line in (entry.comment or "").splitlines() if not line.startswith(SOURCE_COMMENT_PREFIXES)]
        mine.comment = "\n".join(dict.fromkeys(source + notes))
        taken += 1
    for name, value in theirs.metadata.items():
        if base.metadata.get(name) != value and name not in ("Language", "Plural-Forms"):
            po.metadata[name] = value
    return taken


def refresh(po: polib.POFile, path: Path) -> int:
    """Re-read ``path`` if it changed on disk since ``po`` was read or saved, and merge its edits in."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return 0
    except OSError as exc:
        raise TranslocError(f"cannot read catalog ({exc.strerror or exc})", path) from None
    if data == _snapshot(po).data:
        return 0
    disk = parse(data, path)
    base = _Snapshot(data, {key(e): _state(e) for e in disk}, dict(disk.metadata))
    taken = absorb_disk_edits(po, disk)
    setattr(po, _SNAPSHOT, base)  # the disk version is now the base of the next comparison
    return taken


# ----------------------------------------------------------------------------- saving


def encode(po: polib.POFile, path: Path) -> bytes:
    """The catalog's bytes in its declared charset; text the charset cannot hold switches it to UTF-8."""
    content_type = po.metadata.get("Content-Type", "text/plain; charset=UTF-8")
    match = re.search(r"charset=([^\s;]+)", content_type)
    charset = match.group(1) if match else "UTF-8"
    codec = _codec("UTF-8" if charset.upper() == "CHARSET" else charset, path)
    try:
        return po_text(po).encode(codec)
    except UnicodeEncodeError:
        po.metadata["Content-Type"] = re.sub(r"charset=[^\s;]+", "charset=UTF-8", content_type)
        if "charset=" not in po.metadata["Content-Type"]:
            po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        return po_text(po).encode("utf-8")


def _refuse_read_only(path: Path) -> None:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        raise TranslocError("catalog is read-only", path, "make it writable (chmod u+w) to let transloc update it")


def save(po: polib.POFile, path: Path) -> bool:
    """Write ``po`` to ``path`` unless the bytes would not change; True when the file was written.

    Under the catalog lock: edits made on disk meanwhile are merged in first, and
    ``PO-Revision-Date`` moves only when something else in the file changed.
    """
    path = Path(path)
    with catalog_lock(path):
        refresh(po, path)
        disk = _snapshot(po).data if path.exists() else None
        data = encode(po, path)
        if data == disk:
            return False
        _refuse_read_only(path)
        po.metadata["PO-Revision-Date"] = now()
        data = encode(po, path)
        atomic_write_bytes(path, data)
        _remember(po, data)
        return True


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")


# ----------------------------------------------------------------------------- locking

_LOCKS: dict[str, FileLock] = {}
_WAIT_NOTICE: ContextVar[Callable[[str], None] | None] = ContextVar("transloc_lock_wait_notice", default=None)


def report_lock_waits(notice: Callable[[str], None] | None) -> None:
    """Where to say that a catalog is busy before waiting for it, so a blocked run does not look hung."""
    _WAIT_NOTICE.set(notice)


def lock_file(path: Path) -> Path:
    """Where the lock for a catalog lives: outside the project, so locales/ holds only PO files."""
    digest = hashlib.sha1(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:20]
    return Path(tempfile.gettempdir()) / "transloc-locks" / f"{digest}.lock"


@contextmanager
def catalog_lock(path: Path) -> Iterator[None]:
    """Hold the advisory lock of one catalog (re-entrant within a process; blocks other processes)."""
    from filelock import FileLock, Timeout

    where = lock_file(path)
    lock = _LOCKS.get(str(where))
    if lock is None:
        try:
            if not where.parent.is_dir():
                where.parent.mkdir(exist_ok=True)
                where.parent.chmod(0o1777)  # shared by every user's transloc, like /tmp itself
        except OSError as exc:
            raise TranslocError(f"cannot create the lock folder ({exc.strerror or exc})", where.parent) from None
        lock = _LOCKS[str(where)] = FileLock(str(where), mode=0o666)
    try:
        try:
            lock.acquire(timeout=0.2)
        except Timeout:
            notice = _WAIT_NOTICE.get()
            if notice is not None:
                notice(f"{path}: another transloc process is working on this catalog — waiting for it")
            lock.acquire()
    except OSError as exc:
        raise TranslocError(f"cannot lock catalog ({exc.strerror or exc})", path, f"check {where}") from None
    try:
        yield
    finally:
        lock.release()
