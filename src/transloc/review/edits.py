"""What a person's edit invalidates: the draft's confidence and the detectors' findings about it."""

from __future__ import annotations

import polib

from ..provenance import edited, mt_record, strip_confidence
from .detectors import code_of
from .summary import REVIEW_PREFIX


def clear_edited(po: polib.POFile) -> int:
    """Drop ``confidence=``/``draft=`` and detector ``review:`` notes from entries a person has edited or
    approved; the ``mt:`` provenance line stays. Returns how many entries changed (msgstr is never touched)."""
    changed = 0
    for entry in po:
        if entry.obsolete or not entry.comment or not edited(entry):
            continue
        record = mt_record(entry.comment)
        comment = strip_confidence(entry.comment) if record is not None and record.draft else entry.comment
        lines = [
            line for line in comment.splitlines()
            if not (line.startswith(REVIEW_PREFIX) and code_of(line[len(REVIEW_PREFIX):]))
        ]
        comment = "\n".join(lines)
        if comment != entry.comment:
            entry.comment = comment
            changed += 1
    return changed
