"""The translation memory's index: an embedded SQLite database under the locales folder.

The PO files stay the truth. The database only remembers what they say, so that finding a match does
not mean parsing every catalog of the language on every run: it is brought up to date from the catalogs
whose size or modification time changed since the last run (a content hash settles doubtful cases), and
deleting it loses nothing — the next run, or ``transloc tm rebuild``, recreates it from the PO files.

SQLite in WAL mode lets several transloc processes read and update it at once; each catalog is replaced
in one transaction, so a crash or a concurrent writer never leaves half a catalog behind.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from ..errors import TranslocError
from ..report import QuietReporter, Reporter
from .database import connect, db_path, guard, remove, transaction
from .units import Unit, catalog_units
from .words import fts_tokens, words

_RACY_SECONDS = 2.0  # a file modified this recently may change again within the same mtime tick
_BATCH_SECONDS = 0.5  # commit at least this often while indexing, so other processes are not kept waiting


@dataclass
class UpdateStats:
    scanned: int = 0
    indexed: int = 0
    removed: int = 0
    skipped: int = 0
    refreshed: int = 0
    """Changed stat, same content (touched, or too fresh to trust last time): not parsed again."""


def lang_key(lang: str) -> str:
    """The prefix of a language's terms in the shared full-text index (``en-GB`` → ``engb_``)."""
    return "".join(ch for ch in lang.lower() if ch.isalnum()) + "_"


class Memory:
    """The index of one locales folder. Open with :meth:`open`; close when done (or use ``with``)."""

    def __init__(self, locales: Path, con: sqlite3.Connection) -> None:
        self.locales = Path(locales)
        self.path = db_path(locales)
        self.con = con

    @classmethod
    def open(cls, locales: Path) -> Memory:
        """Open (creating if needed) the index; a corrupt or foreign file is refused, never trusted."""
        return cls(locales, connect(locales))

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Memory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _guard(self) -> AbstractContextManager[None]:
        return guard(self.path)

    def _transaction(self) -> AbstractContextManager[None]:
        return transaction(self.con)

    # ------------------------------------------------------------------ updating

    def catalogs(self, lang: str) -> Iterator[tuple[str, os.DirEntry[str]]]:
        """Every PO file of one language in any subfolder (catalog paths mirror article paths), with its
        path relative to the locales folder. A plain directory walk: no path resolution per file."""
        stack = [(self.locales / lang, lang)]
        while stack:
            folder, rel = stack.pop()
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir():
                    stack.append((Path(entry.path), f"{rel}/{entry.name}"))
                elif entry.name.endswith(".po"):
                    yield f"{rel}/{entry.name}", entry

    def languages(self) -> list[str]:
        """The language folders under the locales folder."""
        if not self.locales.is_dir():
            return []
        return sorted(p.name for p in self.locales.iterdir() if p.is_dir() and not p.name.startswith("."))

    def rel(self, path: Path) -> str:
        try:
            return Path(os.path.relpath(Path(path).resolve(), self.locales.resolve())).as_posix()
        except ValueError:
            return Path(path).resolve().as_posix()

    def display(self, rel: str) -> str:
        """A catalog as the user names it: ``locales/en/x.po``."""
        return (self.locales / rel).as_posix()

    def update(self, lang: str, reporter: Reporter | None = None, skip: Iterable[Path] = ()) -> UpdateStats:
        """Index the catalogs of ``lang`` that changed since the last run and forget deleted ones.

        ``skip``: catalogs the caller already reported as unreadable (left as the index knows them)."""
        stats = UpdateStats()
        skipped = {self.rel(p) for p in skip}
        with self._guard():
            known = {
                row[0]: (row[1], row[2], row[3])
                for row in self.con.execute("SELECT path, mtime_ns, size, digest FROM files WHERE lang = ?", (lang,))
            }
            changed: list[tuple[Path, str, os.stat_result]] = []
            present: set[str] = set()
            for rel, entry in self.catalogs(lang):
                try:
                    st = entry.stat()
                except OSError:
                    continue
                present.add(rel)
                if rel in skipped:
                    continue
                stats.scanned += 1
                old = known.get(rel)
                if old is None or old[0] != st.st_mtime_ns or old[1] != st.st_size:
                    changed.append((Path(entry.path), rel, st))
            gone = [rel for rel in known if rel not in present]
            if gone:
                with self._transaction():
                    for rel in gone:
                        self._forget(rel)
                stats.removed = len(gone)
            if changed:
                self._index_many(changed, lang, known, stats, reporter)
        return stats

    def _index_many(
        self,
        changed: Sequence[tuple[Path, str, os.stat_result]],
        lang: str,
        known: dict[str, tuple[int, int, str]],
        stats: UpdateStats,
        reporter: Reporter | None,
    ) -> None:
        total = len(changed) if len(changed) > 1 else 0
        label = f"Indexing translation memory ({lang})"
        with (reporter or QuietReporter()).progress(total, label) as progress:
            pending: list[tuple[str, os.stat_result, str, list[Unit] | None]] = []
            started = time.monotonic()
            for path, rel, st in changed:
                item = self._read(path, rel, lang, st, known.get(rel), reporter)
                if item is None:
                    stats.skipped += 1
                else:
                    pending.append(item)
                    if item[3] is None:
                        stats.refreshed += 1
                    else:
                        stats.indexed += 1
                progress.update(1)
                if pending and time.monotonic() - started > _BATCH_SECONDS:
                    self._store_all(pending)
                    pending, started = [], time.monotonic()
            self._store_all(pending)

    def _store_all(self, items: Sequence[tuple[str, os.stat_result, str, list[Unit] | None]]) -> None:
        if items:
            with self._transaction():
                for item in items:
                    self._store(*item)

    def _read(
        self, path: Path, rel: str, lang: str, st: os.stat_result, old: tuple[int, int, str] | None,
        reporter: Reporter | None,
    ) -> tuple[str, os.stat_result, str, list[Unit] | None] | None:
        """Parse one changed catalog (the stat was taken before reading, so a later change is seen next run)."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            if reporter is not None:
                reporter.warn(
                    f"transloc: warning: {path}: cannot read ({exc.strerror or exc}) (not used as translation memory)"
                )
            return None
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        if old is not None and old[2] == digest:
            return rel, st, digest, None  # touched, not changed: only the stat is new
        from ..catalog import load_catalog

        try:
            po = load_catalog(path)
        except TranslocError as exc:
            if reporter is not None:
                reporter.warn(f"transloc: warning: {exc} (not used as translation memory)")
            return None
        return rel, st, digest, catalog_units(po, lang, rel)

    def index_file(self, path: Path, lang: str) -> None:
        """Index one catalog now (after transloc wrote it), whatever its stat says."""
        with self._guard():
            rel = self.rel(path)
            try:
                st = Path(path).stat()
            except OSError:
                with self._transaction():
                    self._forget(rel)
                return
            item = self._read(Path(path), rel, lang, st, None, None)
            if item is not None:
                self._store_all([item])

    def _forget(self, rel: str) -> None:
        row = self.con.execute("SELECT id FROM files WHERE path = ?", (rel,)).fetchone()
        if row is not None:
            self._drop_units(row[0])
            self.con.execute("DELETE FROM files WHERE id = ?", (row[0],))

    def _store(self, rel: str, st: os.stat_result, digest: str, units: list[Unit] | None) -> None:
        con = self.con
        mtime = st.st_mtime_ns if time.time() - st.st_mtime > _RACY_SECONDS else -1
        lang = rel.split("/", 1)[0]
        row = con.execute("SELECT id, digest FROM files WHERE path = ?", (rel,)).fetchone()
        if row is not None and (units is None or row[1] == digest):
            # unchanged content (touched, or indexed meanwhile by another process): refresh the stat only
            con.execute("UPDATE files SET mtime_ns = ?, size = ? WHERE id = ?", (mtime, st.st_size, row[0]))
            return
        if units is None:
            return  # the other process forgot it meanwhile; the next run reads it again
        if row is None:
            file_id = con.execute(
                "INSERT INTO files(path, lang, mtime_ns, size, digest) VALUES (?, ?, ?, ?, ?)",
                (rel, lang, mtime, st.st_size, digest),
            ).lastrowid
        else:
            file_id = row[0]
            self._drop_units(file_id)
            con.execute(
                "UPDATE files SET mtime_ns = ?, size = ?, digest = ? WHERE id = ?", (mtime, st.st_size, digest, file_id)
            )
        self._add_units(file_id, units)

    def _add_units(self, file_id: int | None, units: Iterable[Unit]) -> None:
        con = self.con
        for unit in units:
            con.execute(
                "INSERT INTO units(file_id, line, lang, msgid, msgstr, reviewed, notes) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (file_id, unit.line, unit.lang, unit.msgid, unit.msgstr, int(unit.reviewed), "\n".join(unit.notes)),
            )
            if unit.reviewed:
                self._text_ref(unit.lang, unit.msgid, +1)

    def _drop_units(self, file_id: int) -> None:
        con = self.con
        for lang, msgid in con.execute(
            "SELECT lang, msgid FROM units WHERE file_id = ? AND reviewed = 1", (file_id,)
        ).fetchall():
            self._text_ref(lang, msgid, -1)
        con.execute("DELETE FROM units WHERE file_id = ?", (file_id,))

    def _text_ref(self, lang: str, msgid: str, delta: int) -> None:
        """Keep one full-text row per distinct reviewed source and language, counted by its units."""
        con = self.con
        row = con.execute("SELECT id, refs, terms FROM texts WHERE lang = ? AND msgid = ?", (lang, msgid)).fetchone()
        if row is None:
            if delta > 0:
                terms = " ".join(lang_key(lang) + t for t in fts_tokens(msgid))
                text_id = con.execute(
                    "INSERT INTO texts(lang, msgid, nwords, refs, terms) VALUES (?, ?, ?, 1, ?)",
                    (lang, msgid, len(words(msgid)), terms),
                ).lastrowid
                con.execute("INSERT INTO texts_fts(rowid, terms) VALUES (?, ?)", (text_id, terms))
            return
        text_id, refs, terms = row
        if refs + delta > 0:
            con.execute("UPDATE texts SET refs = ? WHERE id = ?", (refs + delta, text_id))
            return
        con.execute("INSERT INTO texts_fts(texts_fts, rowid, terms) VALUES ('delete', ?, ?)", (text_id, terms))
        con.execute("DELETE FROM texts WHERE id = ?", (text_id,))

    # ------------------------------------------------------------------ reading

    def exact(self, lang: str, msgid: str, exclude: str | None = None) -> Unit | None:
        """The translation of exactly this source: a person's before a machine's, the latest first."""
        with self._guard():
            row = self.con.execute(
                "SELECT u.msgstr, u.reviewed, f.path, u.line, u.notes FROM units u JOIN files f ON f.id = u.file_id "
                "WHERE u.lang = ? AND u.msgid = ? AND f.path IS NOT ? ORDER BY u.reviewed DESC, u.id DESC LIMIT 1",
                (lang, msgid, exclude),
            ).fetchone()
        if row is None:
            return None
        return Unit(lang, msgid, row[0], bool(row[1]), row[2], row[3], tuple(filter(None, row[4].split("\n"))))

    def reviewed_unit(self, lang: str, msgid: str, exclude: str | None = None) -> Unit | None:
        unit = self.exact(lang, msgid, exclude)
        return unit if unit is not None and unit.reviewed else None

    def term_frequencies(self, lang: str, tokens: Iterable[str]) -> dict[str, int]:
        """How many distinct reviewed sources of ``lang`` hold each token (rare tokens find candidates cheaply)."""
        key = lang_key(lang)
        terms = {key + t: t for t in tokens}
        if not terms:
            return {}
        out = {t: 0 for t in terms.values()}
        with self._guard():
            for term, doc in self.con.execute(
                f"SELECT term, doc FROM texts_vocab WHERE term IN ({','.join('?' * len(terms))})", list(terms)
            ):
                out[terms[term]] = doc
        return out

    def candidates(
        self, lang: str, tokens: Sequence[str], min_words: int, max_words: int, per_token: int
    ) -> list[tuple[str, int]]:
        """Reviewed sources of ``lang`` holding any of ``tokens``, newest first, at most ``per_token`` per token;
        with how many of the tokens each holds."""
        key = lang_key(lang)
        hits: dict[int, int] = {}
        with self._guard():
            for token in tokens:
                query = '"' + (key + token).replace('"', '""') + '"'
                for (rowid,) in self.con.execute(
                    "SELECT rowid FROM texts_fts WHERE texts_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
                    (query, per_token),
                ):
                    hits[rowid] = hits.get(rowid, 0) + 1
            if not hits:
                return []
            ids = sorted(hits, key=lambda i: (-hits[i], -i))[: per_token * 2]
            rows = self.con.execute(
                f"SELECT id, msgid FROM texts WHERE id IN ({','.join('?' * len(ids))}) AND nwords BETWEEN ? AND ?",
                [*ids, min_words, max_words],
            ).fetchall()
        return [(msgid, hits[text_id]) for text_id, msgid in rows]

    def units(self, lang: str, *, include_fuzzy: bool = False) -> Iterator[Unit]:
        """Every indexed unit of ``lang`` (reviewed only unless ``include_fuzzy``), sorted by source."""
        with self._guard():
            rows = self.con.execute(
                "SELECT u.msgid, u.msgstr, u.reviewed, f.path, u.line, u.notes FROM units u "
                "JOIN files f ON f.id = u.file_id WHERE u.lang = ? AND (u.reviewed = 1 OR ?) "
                "ORDER BY u.msgid, u.reviewed DESC, u.id DESC",
                (lang, int(include_fuzzy)),
            ).fetchall()
        for msgid, msgstr, reviewed, path, line, notes in rows:
            yield Unit(lang, msgid, msgstr, bool(reviewed), path, line, tuple(filter(None, notes.split("\n"))))

    def counts(self) -> dict[str, tuple[int, int, int]]:
        """Per language: catalogs, reviewed units, machine units."""
        with self._guard():
            rows = self.con.execute(
                "SELECT f.lang, count(DISTINCT f.id), coalesce(sum(u.reviewed), 0), "
                "coalesce(sum(1 - u.reviewed), 0) FROM files f LEFT JOIN units u ON u.file_id = f.id GROUP BY f.lang"
            ).fetchall()
        return {lang: (files, reviewed, machine) for lang, files, reviewed, machine in rows}

    def integrity(self) -> str:
        with self._guard():
            return str(self.con.execute("PRAGMA integrity_check").fetchone()[0])


def rebuild(locales: Path, reporter: Reporter | None = None) -> dict[str, UpdateStats]:
    """Throw the index away (whatever the file holds) and index every catalog of every language again."""
    remove(locales)
    with Memory.open(locales) as memory:
        return {lang: memory.update(lang, reporter) for lang in memory.languages()}
