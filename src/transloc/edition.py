"""Source document + catalog → localised edition. Needs no MT: it re-reads the source and the PO.

A msgstr is used only when its placeholders fit its msgid; otherwise the source sentence stays
and a warning names the PO file and line, so broken markup never reaches readers. Every sentence
kept in the source language is counted with its reason and marked ``lang="de"`` in the edition,
so neither the newsroom nor a screen reader mistakes it for a translation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polib

from . import placeholders
from .catalog import FUZZY, is_translated
from .document.model import KEEP, Document, Fallback
from .localise.locales import TargetLocale
from .segment import Segment, reassemble, split_block

SOURCE_LANGUAGE = "de"

UNTRANSLATED = "untranslated"
FUZZY_EXCLUDED = "fuzzy excluded by --reviewed-only"
SOURCE_CHANGED = "source changed"
INVALID_PLACEHOLDERS = "invalid placeholders"
REASONS = (UNTRANSLATED, FUZZY_EXCLUDED, SOURCE_CHANGED, INVALID_PLACEHOLDERS)
"""Why a sentence fell back to the source language, in report order."""


@dataclass
class AppliedCatalog:
    translations: dict[int, str]
    """Block index → translated block text (block placeholder numbering)."""
    warnings: list[str] = field(default_factory=list)
    segments: int = 0
    used: int = 0
    fallback: dict[str, int] = field(default_factory=dict)
    """Reason → sentences kept in the source language for it (see :data:`REASONS`)."""
    marks: Fallback = field(default_factory=lambda: Fallback(SOURCE_LANGUAGE))
    """Where source-language text sits among translated text, for the writers to mark."""

    @property
    def share(self) -> float:
        return 1.0 if self.segments == 0 else self.used / self.segments

    @property
    def fell_back(self) -> int:
        return sum(self.fallback.values())


def apply_catalog(
    doc: Document, po: polib.POFile, po_path: Path, *, reviewed_only: bool = False
) -> AppliedCatalog:
    """Each translatable block's text with the catalog's usable translations put in, and why others were not.

    A sentence the catalog does not know is "source changed" when the catalog exists (the article was
    edited after the last extract), "untranslated" when there is no catalog yet.
    """
    entries: dict[tuple[str | None, str], polib.POEntry] = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}
    missing = SOURCE_CHANGED if Path(po_path).exists() else UNTRANSLATED
    result = AppliedCatalog(translations={})
    chosen_by_block: dict[int, tuple[list[Segment], list[str | None]]] = {}
    for index, block in enumerate(doc.blocks):
        if not block.translatable:
            continue
        segments = split_block(block.text)
        if not segments:
            continue
        chosen: list[str | None] = []
        for seg in segments:
            result.segments += 1
            entry = entries.get((None, seg.msgid))
            reason = _unusable(entry, reviewed_only, missing)
            if reason is None and entry is not None:
                problem = placeholders.compare(seg.msgid, entry.msgstr)
                if problem:
                    result.warnings.append(
                        f"{po_path}:{entry.linenum or 1}: warning: {problem}; the source sentence was kept"
                    )
                    reason = INVALID_PLACEHOLDERS
            if reason is not None:
                result.fallback[reason] = result.fallback.get(reason, 0) + 1
                chosen.append(None)
                continue
            chosen.append(entry.msgstr if entry is not None else None)
            result.used += 1
        chosen_by_block[index] = (list(segments), chosen)
        if any(t is not None for t in chosen):
            result.translations[index] = reassemble(block.text, list(segments), chosen)
    if result.used:  # an edition with no translation at all stays a source-language page, unmarked
        for index, (segments, chosen) in chosen_by_block.items():
            if all(t is None for t in chosen):
                result.marks.blocks.add(index)
            elif any(t is None for t in chosen):
                result.marks.spans[index] = reassemble(doc.blocks[index].text, segments, chosen, KEEP)
    return result


def _unusable(entry: polib.POEntry | None, reviewed_only: bool, missing: str) -> str | None:
    if entry is None:
        return missing
    if not entry.msgstr:
        return UNTRANSLATED
    if entry.previous_msgid and FUZZY in entry.flags:
        return SOURCE_CHANGED  # the msgstr translates the sentence before it changed (``#| msgid``)
    if not is_translated(entry, reviewed_only=reviewed_only):
        return FUZZY_EXCLUDED
    return None


def edition_files(doc: Document, applied: AppliedCatalog, target: TargetLocale) -> dict[str, str]:
    """The edition's files by suffix: ``.html`` always, plus ``.txt`` in the input's layout for text exports.

    With nothing translated the page keeps the source language in ``<html lang>``: it is not an edition.
    """
    lang = target.declared if applied.used else SOURCE_LANGUAGE
    translations, marks = applied.translations, applied.marks
    if doc.format == "html":
        from .document.html import write_html

        return {".html": write_html(doc, translations, lang, target.direction, marks)}
    from .document.text import write_text_article, write_text_article_html

    return {
        ".html": write_text_article_html(doc, translations, lang, target.direction, marks),
        ".txt": write_text_article(doc, translations),
    }
