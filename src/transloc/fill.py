"""The machine-translation fill loop: the hooks and the engine over a catalog's empty entries, in
batches, the catalog saved after each (an interrupted run loses at most one batch)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import polib

from .catalog import catalog_lock, refresh, save_catalog, set_translation
from .config import Settings
from .localise.locales import TargetLocale
from .mt.base import Draft, Engine, Hook
from .report import Progress
from .review.confidence import mt_note, translate_scored

if TYPE_CHECKING:
    from .glossary import Glossary
    from .pipeline import Job


@dataclass
class FillStats:
    reused: int = 0
    similar: int = 0
    """Of the reused, how many came from a fuzzy (similar-source) match."""
    machine: int = 0
    mt_calls: int = 0
    review: int = 0


def needs_translation(po: polib.POFile) -> list[polib.POEntry]:
    return [e for e in po if not e.obsolete and not e.msgstr]


def make_hooks(
    engine: Engine, target: TargetLocale, settings: Settings, glossary: Glossary | None = None
) -> list[Hook]:
    """Hooks in ``before`` order: locale conventions, glossary, then placeholders (closest to the engine)."""
    from .mt.tags import TagHook
    from .review.detectors import DetectorHook

    hooks: list[Hook] = [DetectorHook(target.language)]  # first, so it sees the finished draft
    if settings.localise:
        from .localise.hook import LocaliseHook

        hooks.append(LocaliseHook(target))
    if glossary is not None:
        from .glossary import GlossaryHook

        hooks.append(GlossaryHook(glossary, target))
    hooks.append(TagHook(engine))
    return hooks


def machine_translate(
    entries: list[polib.POEntry], engine: Engine, hooks: Sequence[Hook]
) -> Iterator[tuple[polib.POEntry, Draft]]:
    """Run the hooks and the engine over entries; yields each entry with its finished draft."""
    drafts = [Draft(source=e.msgid, text=e.msgid) for e in entries]
    for draft in drafts:
        for hook in hooks:
            hook.before(draft)
    outputs = translate_scored(engine, [d.text for d in drafts])
    if len(outputs) != len(drafts):
        raise RuntimeError(f"engine {engine.name} returned {len(outputs)} translations for {len(drafts)} inputs")
    for entry, draft, (output, confidence) in zip(entries, drafts, outputs, strict=True):
        draft.text, draft.confidence = output, confidence
        for hook in reversed(hooks):
            hook.after(draft)
        yield entry, draft


def fill(job: Job, engine: Engine, hooks: Sequence[Hook], settings: Settings, bar: Progress | None = None) -> FillStats:
    """Machine-translate the empty entries of one catalog, saving after every batch.

    The catalog's lock is held throughout: a second transloc process on the same catalog waits, then
    finds the work done. Edits a person saves meanwhile are merged in before each save and win.
    """
    stats = FillStats()
    with catalog_lock(job.po_path):
        refresh(job.po, job.po_path)
        todo = needs_translation(job.po)
        for start in range(0, len(todo), settings.batch_size):
            chunk = [e for e in todo[start : start + settings.batch_size] if not e.msgstr and not e.obsolete]
            if chunk:
                stats.mt_calls += 1
                for entry, draft in machine_translate(chunk, engine, hooks):
                    mt = mt_note(engine.label, draft.confidence, draft.text)
                    notes = [mt, *draft.notes, *(f"review: {r}" for r in draft.review)]
                    set_translation(entry, draft.text, fuzzy=True, notes=notes)
                    stats.machine += 1
                    stats.review += bool(draft.review)
                save_catalog(job.po, job.po_path)
            if bar is not None:
                bar.update(len(todo[start : start + settings.batch_size]))
    return stats
