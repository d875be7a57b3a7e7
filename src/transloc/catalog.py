"""PO catalogs: the translation memory and the review surface, one per article and language.

Updating follows msgmerge: unchanged entries keep msgstr and flags, changed ones come back fuzzy
with ``#| msgid`` (the previous source), vanished ones become obsolete (``#~``). A translation a
person made (non-fuzzy) is never replaced by machine output: only empty entries are filled. When a
sentence changes, a person's translation of the old one is carried over (fuzzy, with ``#| msgid``); a
machine draft is not — the changed sentence gets a fresh draft instead.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polib

from . import __version__, catalog_io
from .catalog_io import FUZZY, SOURCE_COMMENT_PREFIXES, catalog_lock, refresh, report_lock_waits
from .localise.locales import TargetLocale
from .provenance import is_machine_draft

# Extracted-comment prefixes (SOURCE_COMMENT_PREFIXES) are regenerated from the source on every
# extract; other ``#.`` lines (``mt:``, ``glossary:``, ``review:`` …) record what happened and are kept.
SIMILARITY = 0.6  # msgmerge's fuzzy-match threshold
__all__ = ["FUZZY", "SOURCE_COMMENT_PREFIXES", "catalog_lock", "refresh", "report_lock_waits"]


@dataclass
class Message:
    """A sentence to translate, as found in the source."""

    msgid: str
    occurrences: list[tuple[str, str]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    msgctxt: str | None = None


@dataclass
class MergeStats:
    kept: int = 0
    added: int = 0
    fuzzy_matched: int = 0
    obsoleted: int = 0


@dataclass
class Stats:
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    words: int = 0
    translated_words: int = 0
    fuzzy_words: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated


def catalog_path(locales_dir: Path, target: TargetLocale, stem: str) -> Path:
    return Path(locales_dir) / target.tag / f"{stem}.po"


def new_catalog(target: TargetLocale, project: str) -> polib.POFile:
    po = polib.POFile(wrapwidth=78)
    now = _now()
    po.metadata = {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": now,
        "PO-Revision-Date": now,
        "Last-Translator": "",
        "Language-Team": "",
        "Language": target.po_language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": target.plural_forms,
        "X-Generator": f"transloc {__version__}",
        "X-Source-Language": "de",
    }
    return po


def open_catalog(path: Path, target: TargetLocale, article: str) -> polib.POFile:
    """The article's catalog from disk, or a new one (in memory) if there is none yet."""
    return load_catalog(path) if Path(path).exists() else new_catalog(target, f"transloc {article}")


def load_catalog(path: Path) -> polib.POFile:
    """Parse a PO file in its declared charset; syntax errors, duplicate entries and unknown charsets
    become one line naming file and line."""
    return catalog_io.load(Path(path))


def save_catalog(po: polib.POFile, path: Path) -> bool:
    """Save in gettext's layout, merging edits made on disk meanwhile; untouched when nothing changed."""
    return catalog_io.save(po, Path(path))


def merge(po: polib.POFile, messages: Iterable[Message]) -> MergeStats:
    """Update ``po`` in place to hold exactly ``messages`` (in order), like ``msgmerge``."""
    stats = MergeStats()
    # polib leaves msgctxt None when the entry has none (its stubs say str).
    old_active: dict[tuple[str | None, str], polib.POEntry] = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}
    old_obsolete: dict[tuple[str | None, str], polib.POEntry] = {(e.msgctxt, e.msgid): e for e in po if e.obsolete}
    messages = list(messages)
    wanted = {(m.msgctxt, m.msgid) for m in messages}
    # Only a person's work is carried to a changed sentence: a machine draft of the old sentence is worth
    # less than a fresh one of the new, which translate writes into the then empty entry.
    vanished = [e for key, e in old_active.items() if key not in wanted and e.msgstr and not is_machine_draft(e)]
    new_entries: list[polib.POEntry] = []
    used: set[int] = set()
    for msg in messages:
        key = (msg.msgctxt, msg.msgid)
        entry = old_active.get(key)
        if entry is None:
            entry = old_obsolete.get(key)
        if entry is not None:
            entry.obsolete = False
            stats.kept += 1
        else:
            entry = polib.POEntry(msgid=msg.msgid, msgstr="", msgctxt=msg.msgctxt)
            match = _best_match(msg.msgid, vanished)
            if match is not None:
                used.add(id(match))
                entry.msgstr = match.msgstr
                entry.flags = sorted(set(match.flags) | {FUZZY})
                entry.previous_msgid = match.msgid
                entry.comment = match.comment
                stats.fuzzy_matched += 1
            else:
                stats.added += 1
        entry.occurrences = list(msg.occurrences)
        entry.comment = _merge_comments(entry.comment, msg.comments)
        if entry.previous_msgid and FUZZY not in entry.flags:
            entry.previous_msgid = None
        new_entries.append(entry)
    obsolete: list[polib.POEntry] = []
    for key, entry in list(old_active.items()) + list(old_obsolete.items()):
        if key in wanted or not entry.msgstr or id(entry) in used:
            continue  # like msgmerge: a fuzzy-matched entry lives on in its successor
        entry.obsolete = True
        entry.occurrences = []
        obsolete.append(entry)
        if key in old_active:
            stats.obsoleted += 1
    po[:] = new_entries + obsolete
    return stats


def _best_match(msgid: str, candidates: list[polib.POEntry]) -> polib.POEntry | None:
    best, best_ratio = None, SIMILARITY
    for entry in candidates:
        matcher = difflib.SequenceMatcher(None, msgid, entry.msgid, autojunk=False)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio:
            best, best_ratio = entry, ratio
    return best


def _merge_comments(old: str, source_comments: list[str]) -> str:
    fresh = [line.rstrip() for comment in source_comments for line in comment.splitlines() if line.strip()]
    kept = [
        line for line in _unwrap((old or "").splitlines(), set(fresh))
        if line and not line.startswith(SOURCE_COMMENT_PREFIXES)
    ]
    lines = list(dict.fromkeys(line.rstrip() for line in [*fresh, *kept] if line.strip()))
    return "\n".join(lines)


def _unwrap(lines: list[str], fresh: set[str]) -> list[str]:
    """Drop runs of lines that are a fresh comment cut up by an older writer's wrapping.

    transloc once wrote long ``#.`` lines wrapped over several lines; read back, the pieces no longer
    matched the regenerated comment, so it was added again on every run. Those pieces go now.
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        for j in range(min(len(lines), i + 12), i + 1, -1):
            if " ".join(part.strip() for part in lines[i:j]) in fresh:
                i = j
                break
        else:
            out.append(lines[i])
            i += 1
    return out


def set_translation(entry: polib.POEntry, msgstr: str, *, fuzzy: bool, notes: Iterable[str] = ()) -> None:
    """Record a machine (fuzzy) or reused translation with its provenance as ``#.`` comments."""
    entry.msgstr = msgstr
    if fuzzy and FUZZY not in entry.flags:
        entry.flags.append(FUZZY)
    if not fuzzy and FUZZY in entry.flags:
        entry.flags.remove(FUZZY)
    lines = [line for line in (entry.comment or "").splitlines() if line]
    for note in notes:
        note = " ".join(note.split())  # one ``#.`` line each, as gettext writes them
        if note and note not in lines:
            lines.append(note)
    entry.comment = "\n".join(lines)


def translations(entry: polib.POEntry) -> Iterator[tuple[str, str]]:
    """Each form of an entry as ``(source, translation)``: the msgstr with the msgid, or every plural
    msgstr in form order with the msgid (form 0) or msgid_plural (the others). Empty forms included;
    obsolete entries have none."""
    if entry.obsolete:
        return
    if not entry.msgid_plural:
        yield entry.msgid, entry.msgstr
        return
    for index, text in sorted(entry.msgstr_plural.items()):
        yield (entry.msgid if index == 0 else entry.msgid_plural), text


def is_translated(entry: polib.POEntry, *, reviewed_only: bool = False) -> bool:
    if entry.obsolete or not entry.msgstr:
        return False
    return not (reviewed_only and FUZZY in entry.flags)


def statistics(po: polib.POFile) -> Stats:
    stats = Stats()
    for entry in po:
        if entry.obsolete:
            continue
        words = len(entry.msgid.split())
        stats.words += words
        if not entry.msgstr:
            stats.untranslated += 1
        elif FUZZY in entry.flags:
            stats.fuzzy += 1
            stats.fuzzy_words += words
        else:
            stats.translated += 1
            stats.translated_words += words
    return stats


def _now() -> str:
    return catalog_io.now()
