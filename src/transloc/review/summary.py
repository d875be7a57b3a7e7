"""Review figures per catalog for ``transloc status``: what needs review, what is low confidence, weakest first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polib

from ..catalog import FUZZY
from .confidence import LOW_CONFIDENCE, confidence_of

REVIEW_PREFIX = "review: "


def review_notes(entry: polib.POEntry) -> list[str]:
    """The entry's ``#. review:`` notes, without the prefix."""
    return [line[len(REVIEW_PREFIX):] for line in (entry.comment or "").splitlines() if line.startswith(REVIEW_PREFIX)]


def needs_review(entry: polib.POEntry) -> bool:
    """A draft nobody has approved yet that a detector or hook flagged."""
    return bool(not entry.obsolete and entry.msgstr and FUZZY in entry.flags and review_notes(entry))


def low_confidence(entry: polib.POEntry, threshold: float = LOW_CONFIDENCE) -> bool:
    value = confidence_of(entry)
    return value is not None and value < threshold


@dataclass
class ReviewCounts:
    needs_review: int = 0
    low_confidence: int = 0
    scored: int = 0
    """Drafts with a confidence at all (engines that score, not yet edited by a person)."""


def review_counts(po: Iterable[polib.POEntry], threshold: float = LOW_CONFIDENCE) -> ReviewCounts:
    counts = ReviewCounts()
    for entry in po:
        if entry.obsolete:
            continue
        counts.needs_review += needs_review(entry)
        value = confidence_of(entry)
        if value is not None:
            counts.scored += 1
            counts.low_confidence += value < threshold
    return counts


@dataclass(frozen=True)
class Weak:
    path: Path
    line: int
    confidence: float
    msgid: str
    msgstr: str
    notes: tuple[str, ...]

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def weakest(catalogs: Iterable[tuple[Path, polib.POFile]]) -> list[Weak]:
    """Every scored machine draft of the catalogs, lowest confidence first (ties in file and line order)."""
    found = []
    for path, po in catalogs:
        for entry in po:
            value = None if entry.obsolete else confidence_of(entry)
            if value is not None:
                found.append(
                    Weak(Path(path), entry.linenum or 1, value, entry.msgid, entry.msgstr, tuple(review_notes(entry)))
                )
    return sorted(found, key=lambda w: (w.confidence, str(w.path), w.line))
