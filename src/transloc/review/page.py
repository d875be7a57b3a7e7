"""The bilingual review page: one article's source and catalog side by side, as one self-contained HTML file.

:func:`collect` gathers what a reviewer needs per sentence (state, confidence, flags, ``transloc check``
diagnostics, glossary hits, a diff against the previous source); :func:`page_html` turns it into HTML with
Jinja2's autoescaping, so no text from a PO file or an article can become markup. Inline CSS and
JavaScript are allowed by hash in a Content-Security-Policy that also forbids every network fetch.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from .. import placeholders
from ..catalog import FUZZY
from ..checks.base import Diagnostic
from ..document.model import Document
from ..edition import FUZZY_EXCLUDED, INVALID_PLACEHOLDERS, SOURCE_CHANGED
from ..localise.locales import TargetLocale
from ..segment import split_block
from .confidence import LOW_CONFIDENCE, confidence_of
from .summary import needs_review, review_notes

if TYPE_CHECKING:
    from markupsafe import Markup

    from ..glossary import Glossary

STATES = {
    "reviewed": "reviewed",
    "draft": "machine draft",
    "untranslated": "untranslated",
    "fallback": "falls back to source",
}
_WORDS = re.compile(r"[^\W_]+|\s+|.")  # words, spaces, and each punctuation mark on its own


@dataclass(frozen=True)
class Span:
    """A piece of displayed text; ``kind`` selects its style (term-ok, term-bad, ph, ins, del) or None."""

    text: str
    kind: str | None = None
    title: str = ""


@dataclass
class Row:
    number: int
    source: list[Span]
    translation: list[Span]
    state: str
    confidence: float | None
    where: str | None
    notes: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    diff: list[Span] | None = None
    fallback: str | None = None
    needs_review: bool = False
    low: bool = False

    @property
    def state_label(self) -> str:
        return STATES[self.state]

    @property
    def errors(self) -> bool:
        return bool(self.diagnostics)

    @property
    def confidence_class(self) -> str:
        if self.confidence is None:
            return "none"
        return "low" if self.low else "mid" if self.confidence < 0.75 else "high"


@dataclass
class Group:
    kind: str
    line: int
    rows: list[Row]


@dataclass
class Page:
    article: str
    catalog: str
    language: str
    direction: str
    threshold: float
    groups: list[Group]

    @property
    def rows(self) -> list[Row]:
        return [row for group in self.groups for row in group.rows]

    @property
    def counts(self) -> dict[str, int]:
        rows = self.rows
        counts = {state: sum(r.state == state for r in rows) for state in STATES}
        counts.update(
            sentences=len(rows),
            needs_review=sum(r.needs_review for r in rows),
            low=sum(r.low for r in rows),
            errors=sum(r.errors for r in rows),
            error_diagnostics=sum(d.level == "error" for r in rows for d in r.diagnostics),
            warning_diagnostics=sum(d.level == "warning" for r in rows for d in r.diagnostics),
        )
        return counts


def collect(
    doc: Document,
    po: polib.POFile,
    po_path: Path,
    target: TargetLocale,
    diagnostics: Iterable[Diagnostic] = (),
    *,
    glossary: Glossary | None = None,
    reviewed_only: bool = False,
    threshold: float = LOW_CONFIDENCE,
) -> Page:
    """Rows in document order, grouped by block; one row per sentence occurrence."""
    entries: dict[tuple[str | None, str], polib.POEntry] = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}
    by_line: dict[int, list[Diagnostic]] = {}
    for d in diagnostics:
        by_line.setdefault(d.line, []).append(d)
    groups: list[Group] = []
    number = 0
    for block in doc.translatable_blocks():
        rows = []
        for seg in split_block(block.text):
            number += 1
            entry = entries.get((None, seg.msgid))
            rows.append(_row(number, seg.msgid, entry, po_path, by_line, glossary, target, reviewed_only, threshold))
        if rows:
            groups.append(Group(block.kind, block.line, rows))
    return Page(str(doc.path), str(po_path), target.tag, target.direction, threshold, groups)


def _row(
    number: int,
    msgid: str,
    entry: polib.POEntry | None,
    po_path: Path,
    by_line: dict[int, list[Diagnostic]],
    glossary: Glossary | None,
    target: TargetLocale,
    reviewed_only: bool,
    threshold: float,
) -> Row:
    msgstr = entry.msgstr if entry is not None else ""
    source_marks, target_marks = _glossary_marks(glossary, msgid, msgstr, target)
    if entry is None:  # the article changed after the last extract
        source = _spans(msgid, source_marks)
        return Row(number, source, [], "fallback", None, None, fallback=f"{SOURCE_CHANGED} (run extract)")
    state, fallback = _state(entry, reviewed_only)
    value = confidence_of(entry)
    row = Row(
        number,
        _spans(msgid, source_marks),
        _spans(msgstr, target_marks),
        state,
        value,
        f"{po_path}:{entry.linenum or 1}",
        notes=review_notes(entry),
        diagnostics=by_line.get(entry.linenum or 1, []),
        fallback=fallback,
        needs_review=needs_review(entry),
        low=value is not None and value < threshold,
    )
    if entry.previous_msgid and FUZZY in entry.flags:
        row.diff = word_diff(entry.previous_msgid, msgid)
    return row


def _state(entry: polib.POEntry, reviewed_only: bool) -> tuple[str, str | None]:
    """The state, and for sentences the build keeps in German, its reason in the build's words."""
    if not entry.msgstr:
        return "untranslated", None
    problem = placeholders.compare(entry.msgid, entry.msgstr)
    if problem:
        return "fallback", f"{INVALID_PLACEHOLDERS}: {problem}"
    if entry.previous_msgid and FUZZY in entry.flags:  # a person's translation of the sentence before it changed
        return "fallback", f"{SOURCE_CHANGED} (update the carried-over translation and approve it)"
    if FUZZY in entry.flags:
        return ("fallback", FUZZY_EXCLUDED) if reviewed_only else ("draft", None)
    return "reviewed", None


Mark = tuple[int, int, str, str]
"""start, end, kind (``term-ok`` / ``term-bad``), title."""


def _glossary_marks(
    glossary: Glossary | None, msgid: str, msgstr: str, target: TargetLocale
) -> tuple[list[Mark], list[Mark]]:
    """Glossary terms in the source, and their required (applied) or forbidden (violated) forms in the translation."""
    if glossary is None:
        return [], []
    from ..glossary import enforce

    source: list[Mark] = []
    translation: list[Mark] = []
    for match in glossary.find(msgid):
        want = enforce.required(match, target)
        if want is None:
            continue
        issues = enforce.verify([match], msgstr, target) if msgstr else []
        title = "; ".join(issue.message for issue in issues) or f"glossary: {match.term.source} → {want}"
        kind = "term-bad" if issues else "term-ok"
        if not msgstr:
            kind, title = "term", f"glossary: {match.term.source} → {want}"
        source.append((match.start, match.end, kind, title))
        applied = f"glossary: {match.term.source} → {want}"
        translation += [(a, b, "term-ok", applied) for a, b in enforce.spans(msgstr, want)]
        for issue in issues:
            # A forbidden form, or the German form left standing where the target form is missing.
            wrong = issue.form if issue.kind == "forbidden" else match.surface
            translation += [(a, b, "term-bad", issue.message) for a, b in enforce.spans(msgstr, wrong)]
    return source, translation


def _spans(text: str, marks: Sequence[Mark]) -> list[Span]:
    """``text`` cut into plain, highlighted and placeholder spans (overlapping marks: the first wins)."""
    out: list[Span] = []
    pos = 0
    for start, end, kind, title in sorted(marks):
        if start < pos:
            continue
        out += _placeholder_spans(text[pos:start])
        out.append(Span(text[start:end], kind, title))
        pos = end
    out += _placeholder_spans(text[pos:])
    return out


def _placeholder_spans(text: str) -> list[Span]:
    out: list[Span] = []
    pos = 0
    for match in placeholders.TOKEN.finditer(text):
        if match.start() > pos:
            out.append(Span(text[pos : match.start()]))
        out.append(Span(match.group(0), "ph", "inline markup of the source (placeholder)"))
        pos = match.end()
    if pos < len(text):
        out.append(Span(text[pos:]))
    return out


def word_diff(old: str, new: str) -> list[Span]:
    """Word-level diff from the previous msgid to the current one: ``del`` and ``ins`` spans."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    out: list[Span] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(Span("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(Span("".join(a[i1:i2]), "del"))
        if j2 > j1:
            out.append(Span("".join(b[j1:j2]), "ins"))
    return out


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def page_html(page: Page) -> str:
    """The page as one HTML document; every value is escaped by Jinja2's autoescape."""
    import jinja2

    folder = resources.files("transloc.review")
    style = folder.joinpath("page.css").read_text(encoding="utf-8")
    script = folder.joinpath("page.js").read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    template = env.from_string(folder.joinpath("page.html.j2").read_text(encoding="utf-8"))
    csp = (
        f"default-src 'none'; style-src {_csp_hash(style)}; script-src {_csp_hash(script)}; "
        "img-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'"
    )
    return template.render(
        page=page, counts=page.counts, states=STATES, style=_markup(style), script=_markup(script), csp=csp
    )


def _markup(text: str) -> Markup:
    """Our own static CSS/JS (never data) inserted verbatim."""
    from markupsafe import Markup

    return Markup(text)
