"""Where a msgstr came from, as recorded in its ``#. mt:`` comment: machine draft or a person's work.

The ``mt:`` line (``mt: argos translate-de_en 1.9 confidence=0.83 draft=1a2b3c4d``) names the engine
and, for engines that score, the confidence and a hash of the msgstr the machine wrote. The catalog
needs this to tell a machine draft, which may be regenerated, from a person's translation, which is
never replaced; the review tools need it for confidence. One parser serves both.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import polib

from .catalog_io import FUZZY

_MT_LINE = re.compile(
    r"^mt: (?P<label>.*?)(?: confidence=(?P<confidence>[01](?:\.\d+)?))?(?: draft=(?P<draft>[0-9a-f]{8}))?$"
)
_CONTINUATION = re.compile(r"^(?:confidence|draft)=")


def draft_hash(msgstr: str) -> str:
    return hashlib.sha1(msgstr.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class MtRecord:
    label: str
    confidence: float | None
    draft: str | None


def _lines(comment: str | None) -> list[str]:
    """Comment lines, with a wrapped ``confidence=``/``draft=`` continuation joined to its ``mt:`` line."""
    out: list[str] = []
    for line in (comment or "").splitlines():
        if out and out[-1].startswith("mt: ") and _CONTINUATION.match(line):
            out[-1] += " " + line
        else:
            out.append(line)
    return out


def mt_record(comment: str | None) -> MtRecord | None:
    """The last ``mt:`` line of an entry's extracted comments, parsed."""
    found = None
    for line in _lines(comment):
        match = _MT_LINE.match(line)
        if match:
            value = match.group("confidence")
            found = MtRecord(match.group("label"), float(value) if value else None, match.group("draft"))
    return found


def edited(entry: polib.POEntry) -> bool:
    """A person changed or approved the machine draft: not fuzzy any more, or msgstr differs from the draft."""
    record = mt_record(entry.comment)
    if record is None or record.draft is None:
        return FUZZY not in entry.flags
    return FUZZY not in entry.flags or draft_hash(entry.msgstr) != record.draft


def is_machine_draft(entry: polib.POEntry) -> bool:
    """A fuzzy msgstr the machine wrote and no person has touched since (see :func:`edited`)."""
    return bool(entry.msgstr) and mt_record(entry.comment) is not None and not edited(entry)


def strip_confidence(comment: str) -> str:
    """The comment with ``confidence=`` and ``draft=`` removed from its ``mt:`` lines (provenance stays)."""
    lines = []
    for line in _lines(comment):
        match = _MT_LINE.match(line)
        lines.append(f"mt: {match.group('label')}" if match else line)
    return "\n".join(lines)
