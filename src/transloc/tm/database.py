"""The translation memory's SQLite file: where it lives, opening it safely, transactions, faults.

A file at the index's place that is not transloc's index (garbage, another application's database, another
schema version) is refused in one line naming the remedy, never used and never silently replaced; an error
SQLite reports later (a file corrupted while in use) becomes the same one-line error.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from ..errors import TranslocError
from ..fileio import atomic_write_text

DB_FOLDER = ".tm"
DB_NAME = "memory.sqlite3"
APPLICATION_ID = 0x544C544D  # "TLTM": tells transloc's memory from any other SQLite file
SCHEMA_VERSION = 1
REMEDY = "run `transloc tm rebuild` to recreate it from the PO files"
_FOREIGN = "move it away, or run `transloc tm rebuild` to replace it"

_SCHEMA = """
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,          -- relative to the locales folder, '/'-separated
    lang TEXT NOT NULL,
    mtime_ns INTEGER NOT NULL,          -- -1 when the file was too fresh to trust its mtime
    size INTEGER NOT NULL,
    digest TEXT NOT NULL
);
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    line INTEGER NOT NULL,
    lang TEXT NOT NULL,
    msgid TEXT NOT NULL,
    msgstr TEXT NOT NULL,
    reviewed INTEGER NOT NULL,
    notes TEXT NOT NULL
);
CREATE INDEX units_lookup ON units(lang, msgid);
CREATE INDEX units_file ON units(file_id);
-- distinct reviewed sources per language, the candidates for fuzzy matches
CREATE TABLE texts (
    id INTEGER PRIMARY KEY,
    lang TEXT NOT NULL,
    msgid TEXT NOT NULL,
    nwords INTEGER NOT NULL,
    refs INTEGER NOT NULL,
    terms TEXT NOT NULL,                -- language-prefixed word tokens, what the FTS index holds
    UNIQUE (lang, msgid)
);
CREATE VIRTUAL TABLE texts_fts USING fts5(
    terms, content='texts', content_rowid='id', tokenize="unicode61 remove_diacritics 0 tokenchars '_'"
);
CREATE VIRTUAL TABLE texts_vocab USING fts5vocab(texts_fts, 'row');
"""


def db_path(locales: Path) -> Path:
    return Path(locales) / DB_FOLDER / DB_NAME


def connect(locales: Path) -> sqlite3.Connection:
    """Open (creating if needed) the index of a locales folder, in WAL mode, after checking it is ours."""
    path = db_path(locales)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        ignore = path.parent / ".gitignore"
        if not ignore.exists():
            atomic_write_text(ignore, "# transloc's translation-memory index (rebuilt from the PO files)\n*\n")
    except OSError as exc:
        raise TranslocError(f"cannot create the translation memory ({exc.strerror or exc})", path.parent) from None
    # Opening is serialised between processes: switching a new file to WAL needs an exclusive lock that
    # SQLite does not wait for, so two first runs at once could fail with "database is locked".
    try:
        with FileLock(str(path.parent / "open.lock"), timeout=120):
            return _open(path)
    except Timeout:
        raise TranslocError("another transloc process kept the translation memory busy for 2 minutes", path) from None


def _open(path: Path) -> sqlite3.Connection:
    try:
        con = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise TranslocError(f"cannot open the translation memory ({exc})", path, REMEDY) from None
    try:
        _prepare(con, path)
    except sqlite3.DatabaseError as exc:
        con.close()
        raise TranslocError(f"not a usable translation memory ({exc})", path, REMEDY) from None
    except TranslocError:
        con.close()
        raise
    return con


def _prepare(con: sqlite3.Connection, path: Path) -> None:
    app = con.execute("PRAGMA application_id").fetchone()[0]
    if app == 0:
        _create(con, path)
        app = con.execute("PRAGMA application_id").fetchone()[0]
    if app != APPLICATION_ID:
        raise TranslocError(f"a SQLite database of another application (application_id {app:#x})", path, _FOREIGN)
    version = con.execute("PRAGMA user_version").fetchone()[0]
    if version != SCHEMA_VERSION:
        raise TranslocError(f"translation memory of another transloc version (schema {version})", path, REMEDY)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA synchronous = NORMAL")


def _create(con: sqlite3.Connection, path: Path) -> None:
    """Create the schema in an empty file. Both checks run under the write lock: another process may be
    creating the same index, and a look before the lock could see its tables without its application_id."""
    con.execute("PRAGMA journal_mode = WAL")
    with transaction(con):
        if con.execute("PRAGMA application_id").fetchone()[0] != 0:
            return  # another process created it meanwhile
        if con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise TranslocError("a SQLite database that is not transloc's translation memory", path, _FOREIGN)
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                con.execute(statement)
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


@contextmanager
def transaction(con: sqlite3.Connection) -> Iterator[None]:
    """One writer at a time (others wait up to the connection timeout); all or nothing."""
    con.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


@contextmanager
def guard(path: Path) -> Iterator[None]:
    """SQLite failures in the middle of a run (a file corrupted after opening) as one-line errors."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise TranslocError(f"translation memory unusable ({exc})", path, REMEDY) from None


def remove(locales: Path) -> None:
    """Delete the index and its WAL files, whatever they hold (a stale WAL must not meet a new database)."""
    path = db_path(locales)
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{path}{suffix}")
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise TranslocError(f"cannot remove the old index ({exc.strerror or exc})", f"{path}{suffix}") from None
