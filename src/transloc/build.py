"""Source document + catalog → localised edition. Needs no MT: it re-reads the source and the PO.

A msgstr is used only when its placeholders fit its msgid; otherwise the source sentence stays
and a warning names the PO file and line, so broken markup never reaches readers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polib

from . import placeholders
from .catalog import is_translated
from .document.model import Document
from .localise.locales import TargetLocale
from .segment import reassemble, split_block


@dataclass
class AppliedCatalog:
    translations: dict[int, str]
    """Block index → translated block text (block placeholder numbering)."""
    warnings: list[str] = field(default_factory=list)
    segments: int = 0
    used: int = 0

    @property
    def share(self) -> float:
        return 1.0 if self.segments == 0 else self.used / self.segments


def apply_catalog(
    doc: Document, po: polib.POFile, po_path: Path, *, reviewed_only: bool = False
) -> AppliedCatalog:
    """Each translatable block's text with the catalog's usable translations put in, and why others were not."""
    entries: dict[tuple[str | None, str], polib.POEntry] = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}
    result = AppliedCatalog(translations={})
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
            if entry is None or not is_translated(entry, reviewed_only=reviewed_only):
                chosen.append(None)
                continue
            problem = placeholders.compare(seg.msgid, entry.msgstr)
            if problem:
                result.warnings.append(
                    f"{po_path}:{entry.linenum or 1}: warning: {problem}; the source sentence was kept"
                )
                chosen.append(None)
                continue
            chosen.append(entry.msgstr)
            result.used += 1
        if any(t is not None for t in chosen):
            result.translations[index] = reassemble(block.text, segments, chosen)
    return result


def edition_files(doc: Document, translations: dict[int, str], target: TargetLocale) -> dict[str, str]:
    """The edition's files by suffix: ``.html`` always, plus ``.txt`` in the input's layout for text exports."""
    if doc.format == "html":
        from .document.html import write_html

        return {".html": write_html(doc, translations, target.declared, target.direction)}
    from .document.text import write_text_article, write_text_article_html

    return {
        ".html": write_text_article_html(doc, translations, target.declared, target.direction),
        ".txt": write_text_article(doc, translations),
    }
