"""Predict the batches an in-process run will hand the engine, so a cluster can work on all of them at once.

The prediction walks the same steps as :func:`transloc.pipeline.translate` without writing anything:
extraction and merge in memory, translation-memory reuse, then per article the untranslated entries not
already sent for an earlier article of the run, cut into ``settings.batch_size`` chunks and passed through
the same hooks. A wrong prediction costs time, never correctness: the run sends a missed batch itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .. import pipeline
from ..config import Settings
from ..fill import make_hooks, needs_translation
from ..localise.locales import TargetLocale
from ..mt.base import Draft, Engine

if TYPE_CHECKING:
    from ..glossary import Glossary


def predicted_batches(
    articles: Sequence[Path], target: TargetLocale, settings: Settings, engine: Engine, glossary: Glossary | None = None
) -> list[list[str]]:
    """The engine inputs, batch by batch and in order, that translating ``articles`` to ``target`` needs."""
    run = pipeline.prepare(articles, target, settings, glossary)
    if Path(settings.locales).is_dir():
        memory = pipeline.open_memory(settings, target, None, [f.catalog for f in run.failures])
        try:
            pipeline.reuse(run.jobs, memory, target)
        finally:
            memory.close()
    hooks = make_hooks(engine, target, settings, glossary)
    sent: set[str] = set()
    batches: list[list[str]] = []
    for job in run.jobs:
        todo = [entry for entry in needs_translation(job.po) if entry.msgid not in sent]
        sent.update(entry.msgid for entry in todo)
        for start in range(0, len(todo), settings.batch_size):
            drafts = [Draft(source=e.msgid, text=e.msgid) for e in todo[start : start + settings.batch_size]]
            for draft in drafts:
                for hook in hooks:
                    hook.before(draft)
            batches.append([draft.text for draft in drafts])
    return batches
