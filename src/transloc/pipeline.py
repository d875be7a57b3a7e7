"""Orchestration of a run over articles: extract, translate (translation memory, then MT), build.

Each step's work lives in its own module — :mod:`.articles` (reading, messages), :mod:`.catalog`
(merging), :mod:`.tm` (translation memory), :mod:`.fill` (the MT loop), :mod:`.edition` (building),
:mod:`.catalog_status` — and this module sequences them: nothing is written before every article was
read, a broken catalog leaves out only its own article. Nothing here prints; progress and warnings go
to a :class:`Reporter`. The public entry points with defaults are in :mod:`transloc.api`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from .articles import Hints
from .articles import load_document as load_document  # re-exported for callers of the pipeline
from .articles import messages as messages
from .catalog import (
    MergeStats,
    merge,
    open_catalog,
    report_lock_waits,
    save_catalog,
    set_translation,
)
from .catalog_status import CatalogStatus as CatalogStatus
from .catalog_status import status as status
from .catalog_status import weakest_entries as weakest_entries
from .config import Settings
from .document.model import Document
from .edition import apply_catalog, edition_files
from .errors import TranslocError
from .fileio import atomic_write_text, ensure_writable_dir
from .fill import FillStats, fill, make_hooks, needs_translation
from .layout import Place, claim, place, reference
from .localise.locales import TargetLocale, parse_locale
from .mt.base import Engine, Hook
from .report import Progress, QuietReporter, Reporter
from .review.edits import clear_edited

if TYPE_CHECKING:
    from .glossary import Glossary
    from .tm import Memory


def glossary_hints(glossary: Glossary | None, target: TargetLocale) -> Hints | None:
    """``msgid → ["glossary: X → Y", …]`` for extraction-time ``#.`` comments, or None without a glossary."""
    if glossary is None:
        return None
    from .glossary import hints

    return lambda msgid: hints(glossary, msgid, target)


# ----------------------------------------------------------------------------- extract


@dataclass
class Job:
    """One article for one target locale, with its catalog in memory."""

    doc: Document
    po_path: Path
    po: polib.POFile
    merged: MergeStats

    @property
    def coverage(self) -> float | None:
        """Share of the page's visible characters (outside never-extracted zones) that reached the
        catalog; None for text exports, where every character is in a block by construction."""
        if self.doc.format != "html":
            return None
        from .document.html import coverage

        inside, total = coverage(self.doc)
        return 1.0 if total == 0 else inside / total


@dataclass
class Failure:
    """An article left out of a run because of its own catalog (unreadable, broken, unwritable):
    the other articles are processed, and the run ends with exit code 2."""

    article: Path
    catalog: Path
    message: str
    """One line: the file, the problem and the remedy."""


@dataclass
class Prepared:
    """The articles of a run with their catalogs merged in memory, and the ones whose catalog failed."""

    jobs: list[Job]
    failures: list[Failure] = field(default_factory=list)


def _files_bar(reporter: Reporter | None, count: int, label: str) -> AbstractContextManager[Progress]:
    """A per-file bar for runs over several files (one file needs none)."""
    return (reporter or QuietReporter()).progress(count if count > 1 else 0, label)


def prepare(
    articles: Sequence[Path],
    target: TargetLocale,
    settings: Settings,
    glossary: Glossary | None = None,
    reporter: Reporter | None = None,
) -> Prepared:
    """Read every article and merge its catalog in memory. Nothing is written yet, so an unreadable
    article, or two articles claiming one catalog, stop the run with every catalog as it was. A broken
    catalog only leaves its own article out (a :class:`Failure`)."""
    with _files_bar(reporter, len(articles), f"Reading articles ({target.tag})") as bar:
        return _prepare(articles, target, settings, glossary_hints(glossary, target), bar)


def _prepare(
    articles: Sequence[Path], target: TargetLocale, settings: Settings, hints: Hints | None, bar: Progress
) -> Prepared:
    run = Prepared([])
    seen: dict[Path, tuple[Path, Place]] = {}
    for article in articles:
        bar.update(1)
        where = place(Path(article), settings.project)
        po_path = where.catalog(settings.locales, target.tag)
        if po_path in seen:
            first, first_place = seen[po_path]
            if first.resolve() == Path(article).resolve():
                continue  # the same article named twice
            raise TranslocError(
                f"{first_place.source} and {where.source} would share this catalog; nothing was changed",
                po_path,
                "give one of them another file name, or keep both inside the project folder",
            )
        seen[po_path] = (Path(article), where)
        doc = load_document(Path(article))
        try:
            po = open_catalog(po_path, target, where.source)
        except TranslocError as exc:
            run.failures.append(Failure(Path(article), po_path, str(exc)))
            continue
        claim(po.metadata, po_path, where)
        po.metadata["Language"] = target.po_language
        po.metadata["Plural-Forms"] = target.plural_forms
        stats = merge(po, messages(doc, hints, reference(doc.path, po_path)))
        clear_edited(po)  # a person's edit since the last run voids the draft's confidence and flags
        run.jobs.append(Job(doc, po_path, po, stats))
    return run


def _save(job: Job, run: Prepared) -> bool:
    """Save one catalog; a failure leaves only its article out of the rest of the run."""
    try:
        save_catalog(job.po, job.po_path)
    except TranslocError as exc:
        run.failures.append(Failure(job.doc.path, job.po_path, str(exc)))
        run.jobs.remove(job)
        return False
    return True


def extract(
    articles: Sequence[Path],
    target: TargetLocale,
    settings: Settings,
    glossary: Glossary | None = None,
    reporter: Reporter | None = None,
) -> Prepared:
    report_lock_waits(getattr(reporter, "info", None))
    run = prepare(articles, target, settings, glossary, reporter)
    for job in list(run.jobs):
        _save(job, run)
    return run


# ----------------------------------------------------------------------------- translate


def open_memory(
    settings: Settings, target: TargetLocale, reporter: Reporter | None = None, skip: Sequence[Path] = ()
) -> Memory:
    """The translation memory's index, brought up to date with the catalogs changed since the last run."""
    from .tm import Memory

    memory = Memory.open(Path(settings.locales))
    try:
        memory.update(target.tag, reporter, skip)
    except BaseException:
        memory.close()
        raise
    return memory


def reuse(jobs: list[Job], memory: Memory, target: TargetLocale, *, fuzzy: bool = True) -> tuple[int, int]:
    """Fill entries from the translation memory (policy in :mod:`transloc.tm.fuzzy`); (reused, of them fuzzy)."""
    from .tm import suggest

    count = similar = 0
    for job in jobs:
        own = memory.rel(job.po_path)
        for entry in needs_translation(job.po):
            found = suggest(memory, target, entry.msgid, exclude=own, fuzzy=fuzzy)
            if found is None:
                continue
            set_translation(entry, found.msgstr, fuzzy=found.fuzzy, notes=found.notes)
            count += 1
            similar += found.kind == "fuzzy"
    return count, similar


# ----------------------------------------------------------------------------- build


@dataclass
class BuildResult:
    article: Path
    outputs: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    share: float = 0.0
    refused: str | None = None
    error: Failure | None = None
    """Set when the article's catalog could not be used; nothing was written for it."""
    sentences: int = 0
    fallback: dict[str, int] = field(default_factory=dict)
    """Reason → sentences kept in the source language (``transloc.edition.REASONS``)."""
    nothing_reviewed: str | None = None
    """With ``--reviewed-only`` and not one reviewed translation: a line saying so."""

    @property
    def fell_back(self) -> int:
        return sum(self.fallback.values())

    def report(self) -> str:
        """How many sentences fell back to the source language, and why: one line per article."""
        from .edition import REASONS, SOURCE_CHANGED, SOURCE_LANGUAGE

        if not self.fell_back:
            return f"{self.article}: all {self.sentences} sentence(s) translated"
        why = ", ".join(f"{self.fallback[r]} {r}" for r in REASONS if self.fallback.get(r))
        text = (
            f"{self.article}: {self.fell_back} of {self.sentences} sentence(s) kept in the source language "
            f"({SOURCE_LANGUAGE}): {why}"
        )
        if self.fallback.get(SOURCE_CHANGED):
            text += " — the article changed since its catalog was updated: run `transloc translate` on it"
        return text


def build(
    articles: Sequence[Path],
    target: TargetLocale,
    settings: Settings,
    *,
    threshold: float | None = None,
    reporter: Reporter | None = None,
    documents: Sequence[Document] | None = None,
) -> list[BuildResult]:
    """Write ``<out>/<lang>/<path>/<stem>.html`` (and ``.txt`` for text exports) from source and catalog.

    ``documents`` lets ``translate`` pass the articles it has just read instead of reading them again.
    """
    with _files_bar(reporter, len(articles), f"Building ({target.tag})") as bar:
        docs = list(documents) if documents is not None else [load_document(Path(a)) for a in articles]
        return [_build_one(doc, target, settings, threshold, bar) for doc in docs]


def _build_one(
    doc: Document, target: TargetLocale, settings: Settings, threshold: float | None, bar: Progress
) -> BuildResult:
    bar.update(1)
    where = place(doc.path, settings.project)
    po_path = where.catalog(settings.locales, target.tag)
    try:
        po = open_catalog(po_path, target, where.source)
        claim(po.metadata, po_path, where)
    except TranslocError as exc:
        return BuildResult(doc.path, error=Failure(doc.path, po_path, str(exc)))
    loc = apply_catalog(doc, po, po_path, reviewed_only=settings.reviewed_only)
    result = BuildResult(
        doc.path, warnings=loc.warnings, share=loc.share, sentences=loc.segments, fallback=loc.fallback
    )
    if settings.reviewed_only and loc.segments and not loc.used:
        result.nothing_reviewed = (
            f"{po_path}: --reviewed-only: not one reviewed translation, so {doc.path} is built entirely in the "
            "source language — review the fuzzy entries (Poedit, Weblate) or build without --reviewed-only"
        )
    if not po_path.exists():
        result.warnings.insert(
            0, f"{po_path}: warning: no catalog yet, the edition keeps the source text — run "
            f"`transloc translate --to {target.tag}` or `transloc extract --to {target.tag}` first"
        )
    if threshold is not None and loc.share * 100 < threshold:
        result.refused = (
            f"{doc.path}: only {loc.share:.0%} translated, below --threshold {threshold:g}% — not built"
        )
        return result
    for suffix, content in edition_files(doc, loc, target).items():
        out = where.output(settings.out, target.tag, suffix)
        atomic_write_text(out, content)
        result.outputs.append(out)
    return result


def target_locale(value: str, settings: Settings) -> TargetLocale:
    return parse_locale(value, settings.regions)


# ----------------------------------------------------------------------------- translate = extract + MT + build


@dataclass
class TranslateResult:
    jobs: list[Job]
    fill: FillStats
    builds: list[BuildResult]
    engine_label: str | None
    failures: list[Failure] = field(default_factory=list)


def translate(
    articles: Sequence[Path],
    target: TargetLocale,
    settings: Settings,
    engine_factory: Callable[[], Engine],
    *,
    glossary: Glossary | None = None,
    reporter: Reporter | None = None,
    threshold: float | None = None,
) -> TranslateResult:
    """Extract, fill untranslated entries (translation memory first, then MT), build.

    The engine is created only when something needs MT, and before any catalog is written, so a
    missing model stops the run with every catalog untouched.
    """
    reporter = reporter or QuietReporter()
    report_lock_waits(getattr(reporter, "info", None))  # test doubles may implement only progress and warn
    run = prepare(articles, target, settings, glossary, reporter)
    jobs = run.jobs
    # No catalog yet, nothing to match: the index is created once there is (an engine failure leaves no trace).
    broken = [f.catalog for f in run.failures]
    memory = open_memory(settings, target, reporter, broken) if Path(settings.locales).is_dir() else None
    try:
        reused, similar = reuse(jobs, memory, target) if memory is not None else (0, 0)
        total = FillStats(reused=reused, similar=similar)
        pending = sum(len(needs_translation(j.po)) for j in jobs)
        engine: Engine | None = engine_factory() if pending else None
        ensure_writable_dir(Path(settings.out) / target.tag)
        for job in list(jobs):
            _save(job, run)
        if memory is None:  # the first catalogs of this language: the new index reads them as it is created
            memory = open_memory(settings, target, reporter, broken)
        else:
            for job in jobs:
                memory.index_file(job.po_path, target.tag)
        if engine is not None:
            hooks = make_hooks(engine, target, settings, glossary)
            with reporter.progress(pending, f"Translating to {target.tag}") as bar:
                for job in list(jobs):
                    if _fill_one(job, run, memory, target, engine, hooks, settings, bar, total):
                        memory.index_file(job.po_path, target.tag)
    finally:
        if memory is not None:
            memory.close()
    builds = build(
        [j.doc.path for j in jobs], target, settings, threshold=threshold, reporter=reporter,
        documents=[j.doc for j in jobs],
    )
    return TranslateResult(jobs, total, builds, engine.label if engine is not None else None, run.failures)


def _fill_one(
    job: Job, run: Prepared, memory: Memory, target: TargetLocale, engine: Engine, hooks: Sequence[Hook],
    settings: Settings, bar: Progress, total: FillStats,
) -> bool:
    """Reuse what an article done earlier in this run translated, machine-translate the rest, save.

    The catalog is saved even when translation memory filled all of it (an AMP twin of an article
    of this run needs no MT call, and must not stay empty on disk). False if it could not be saved.
    """
    reused, _ = reuse([job], memory, target, fuzzy=False)  # drafts made for an earlier article of this run
    total.reused += reused
    bar.update(reused)
    try:
        stats = fill(job, engine, hooks, settings, bar)
    except TranslocError as exc:
        run.failures.append(Failure(job.doc.path, job.po_path, str(exc)))
        run.jobs.remove(job)
        return False
    total.machine += stats.machine
    total.mt_calls += stats.mt_calls
    total.review += stats.review
    return stats.mt_calls > 0 or not reused or _save(job, run)
