"""What a catalog contributes to the memory: its translated entries, with their origin."""

from __future__ import annotations

from dataclasses import dataclass

import polib

FUZZY = "fuzzy"
NOTE_PREFIXES = ("mt:", "glossary:", "review:", "tmx:")
"""``#.`` lines that travel with a reused translation (what happened to it)."""


@dataclass(frozen=True)
class Unit:
    """One translated entry of a catalog, as the index remembers it."""

    lang: str
    msgid: str
    msgstr: str
    reviewed: bool
    path: str
    """The catalog, relative to the locales folder."""
    line: int
    notes: tuple[str, ...] = ()


def catalog_units(po: polib.POFile, lang: str, rel: str) -> list[Unit]:
    """The entries of a catalog that can serve as memory: translated, active, no context, no plural."""
    units = []
    for entry in po:
        if entry.obsolete or not entry.msgstr or entry.msgctxt or entry.msgid_plural or not entry.msgid:
            continue
        notes = tuple(line for line in (entry.comment or "").splitlines() if line.startswith(NOTE_PREFIXES))
        units.append(Unit(lang, entry.msgid, entry.msgstr, FUZZY not in entry.flags, rel, entry.linenum or 0, notes))
    return units
