"""The library API under the CLI: extract, translate, build and status over articles.

Data flows one way: Document → segments → catalog (the PO file is the translation memory and
the review surface) → build. Nothing here prints; progress and warnings go to a :class:`Reporter`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from .catalog import (
    MergeStats,
    Message,
    Stats,
    catalog_lock,
    load_catalog,
    merge,
    open_catalog,
    refresh,
    report_lock_waits,
    save_catalog,
    set_translation,
    statistics,
)
from .config import Settings
from .document.model import Document
from .edition import apply_catalog, edition_files
from .errors import TranslocError
from .fileio import atomic_write_text, ensure_writable_dir, read_text
from .layout import Place, claim, place, reference
from .localise.locales import TargetLocale, parse_locale
from .mt.base import Draft, Engine, Hook
from .report import Progress, QuietReporter, Reporter
from .review.confidence import mt_note, translate_scored
from .review.edits import clear_edited
from .review.summary import ReviewCounts, Weak, review_counts, weakest
from .segment import split_block

if TYPE_CHECKING:
    from .glossary import Glossary
    from .tm import Memory

Hints = Callable[[str], list[str]]
"""msgid → extraction-time ``#.`` lines (``glossary: X → Y``)."""

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_SUFFIXES = {".txt", ".text"}


# ----------------------------------------------------------------------------- documents


def load_document(path: Path) -> Document:
    """Read an article; the format follows the suffix, else the content."""
    path = Path(path)
    suffix = path.suffix.lower()
    is_html = suffix in HTML_SUFFIXES
    text = read_text(path, html=is_html or suffix not in TEXT_SUFFIXES)
    if suffix not in HTML_SUFFIXES | TEXT_SUFFIXES:
        is_html = text.lstrip()[:1] == "<"
    if is_html:
        from .document.html import read_html

        try:
            return read_html(path, text)
        except TranslocError:
            raise
        except Exception as exc:  # a parser bug must still not hide which file broke it
            raise TranslocError(f"cannot parse HTML ({type(exc).__name__}: {exc})", path) from None
    from .document.text import read_text_article

    return read_text_article(path, text)


def glossary_hints(glossary: Glossary | None, target: TargetLocale) -> Hints | None:
    """``msgid → ["glossary: X → Y", …]`` for extraction-time ``#.`` comments, or None without a glossary."""
    if glossary is None:
        return None
    from .glossary import hints

    return lambda msgid: hints(glossary, msgid, target)


def messages(doc: Document, hints: Hints | None = None, reference: str | None = None) -> list[Message]:
    """One message per distinct sentence, in document order, with references and block kinds.

    ``reference`` is the article's name in ``#:`` lines (relative to the catalog); its file name by default.
    """
    found: dict[str, Message] = {}
    name = doc.path.name if reference is None else reference
    for block in doc.translatable_blocks():
        for seg in split_block(block.text):
            msg = found.get(seg.msgid)
            if msg is None:
                comments = [f"block: {block.kind}"]
                if hints is not None:
                    comments += hints(seg.msgid)
                msg = found[seg.msgid] = Message(seg.msgid, comments=comments)
            elif f"block: {block.kind}" not in msg.comments:
                msg.comments.insert(0, f"block: {block.kind}")
            ref = (name, str(block.line))
            if ref not in msg.occurrences:
                msg.occurrences.append(ref)
    return list(found.values())


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


# ----------------------------------------------------------------------------- status


@dataclass
class CatalogStatus:
    path: Path
    language: str
    stats: Stats
    error: str | None = None
    """Set (and ``stats`` empty) when the catalog cannot be read."""
    review: ReviewCounts = field(default_factory=ReviewCounts)


def status(locales_dir: Path) -> list[CatalogStatus]:
    """One row per catalog under ``<locales>/<lang>/`` (nested folders included), in path order."""
    rows = []
    for path in catalogs(Path(locales_dir)):
        language = path.relative_to(locales_dir).parts[0]
        try:
            po = load_catalog(path)
            rows.append(CatalogStatus(path, language, statistics(po), review=review_counts(po)))
        except TranslocError as exc:
            rows.append(CatalogStatus(path, language, Stats(), error=str(exc)))
    return rows


def catalogs(locales_dir: Path) -> list[Path]:
    """Every ``<locales>/<lang>/…/*.po``, sorted."""
    return sorted(p for p in Path(locales_dir).glob("*/**/*.po") if p.is_file())


def weakest_entries(rows: Sequence[CatalogStatus]) -> list[Weak]:
    """Scored machine drafts of the readable catalogs among ``rows``, lowest confidence first
    (``status --sort confidence``)."""
    return weakest((row.path, load_catalog(row.path)) for row in rows if row.error is None)


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
        memory = memory or open_memory(settings, target, reporter, broken)
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
