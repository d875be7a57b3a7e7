"""Put translations back into a parsed page: attribute values into the tree, runs of inline content
as finished markup for :class:`.html_render.Renderer` to print in place of the run's nodes.

Translations arrive as text with numbered placeholders. Text is always escaped, never markup, so a
msgstr cannot inject HTML; placeholders print as copies of the source elements. A run is written as
text rather than as new bs4 nodes: on a paragraph with 100,000 inline elements building and inserting
the nodes took most of the build, and the copies doubled the tree in memory while it was printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from ..placeholders import TOKEN
from .html_extract import AttrHandle, TextHandle
from .html_parser import SourceTag, StrayEndTag
from .html_render import CDATA, Renderer, Runs, escape
from .html_rules import is_text
from .model import Block

_ENDS_PARENT = re.compile(r"</\d+>|\s*\Z")
_CHARSET = re.compile(r"(charset\s*=\s*)([A-Za-z0-9_.:-]+)", re.I)


_VOID_TAG = re.compile(
    r"<(?:area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr)\b[^<>]*?(\s?/?)>", re.I
)


def void_style(source: str) -> str:
    """How the page mostly ends void elements: ``""`` (``<br>``), ``"/"`` (``<br/>``) or ``" /"`` (``<br />``)."""
    counts: dict[str, int] = {}
    for match in _VOID_TAG.finditer(source):
        style = match.group(1) if match.group(1).endswith("/") else ""
        counts[style] = counts.get(style, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else ""


_TEXT_ONLY = frozenset(("title", "textarea", "option", "optgroup", "select", "script", "style"))
"""Elements whose content a browser reads as text: a ``<span>`` there would show as characters."""


def _usable(blocks: list[Block], translations: dict[int, str]) -> list[tuple[int, str]]:
    return [(i, t) for i, t in sorted(translations.items()) if 0 <= i < len(blocks) and t and t.strip()]


def apply_attributes(blocks: list[Block], translations: dict[int, str]) -> None:
    """Translated attribute values into the tree. Before :func:`render_runs`, so inline elements
    copied into translated runs carry translated attributes."""
    for index, text in _usable(blocks, translations):
        handle = blocks[index].handle
        if isinstance(handle, AttrHandle):
            handle.element[handle.attr] = text


def render_runs(
    blocks: list[Block], translations: dict[int, str], renderer: Renderer, keep_lang: str | None = None
) -> Runs:
    """Every translated run as finished markup, for the renderer to print in place of the run's nodes.

    The run is rendered now, from the elements as they stand: later changes to the tree (``lang``
    marks) reach the page around the run, never the copies inside it. Comments and other non-text
    character data inside the run stay where they are (after the new content).
    With ``keep_lang``, text inside ``<0>…</0>`` (source sentences kept among translated ones) becomes
    ``<span lang="keep_lang">``.
    """
    runs = Runs()
    for index, text in _usable(blocks, translations):
        handle = blocks[index].handle
        if not isinstance(handle, TextHandle):
            continue
        parent = handle.nodes[0].parent
        if parent is None:
            continue
        keep = None if parent.name in _TEXT_ONLY else keep_lang
        markup = render_run(handle, handle.lead + text.strip() + handle.trail, parent.name, renderer, keep)
        runs.text[id(handle.nodes[0])] = markup
        if _PLAIN.issuperset(map(type, handle.nodes)):  # no Python call per node
            runs.removed.update(map(id, handle.nodes))
        else:
            runs.removed.update([id(n) for n in handle.nodes if isinstance(n, (Tag, StrayEndTag)) or is_text(n)])
    return runs


_PLAIN = frozenset((SourceTag, Tag, NavigableString))
"""The usual node types of a run; with others the run replaces elements, stray end tags and visible
text, while comments and other character data stay."""


@dataclass
class _Copy:
    """An element of the run opened by ``<n>``, printed as a shallow copy of its source element."""

    number: int
    name: str
    attrs: dict[str, object]
    can_be_empty: bool
    """Whether bs4 prints the element as ``<x/>`` when it is empty (void elements)."""
    source_end: bool
    """Whether the source element had an end tag (see :class:`.html_parser.SourceTag`)."""
    pending: bool = True
    """Start tag not printed yet: nothing is in the copy so far."""


def render_run(handle: TextHandle, text: str, parent: str, renderer: Renderer, keep_lang: str | None = None) -> str:
    """Markup for ``text`` in an element named ``parent``: ``<n>…</n>`` → shallow copy of element n,
    ``<n/>`` → deep copy; text is escaped, so a msgstr cannot inject markup.

    Numbers the block does not know are kept as literal text; stray closing tokens are dropped.
    ``<0>…</0>`` (never a source element: those count from 1) is ``<span lang="keep_lang">``.
    Prints exactly what the copies would print as bs4 nodes (tests compare with that).
    """
    fast = _fast_run(handle, text, parent, renderer, keep_lang)
    if fast is not None:
        return fast
    return _RunWriter(handle, parent, renderer, keep_lang).write(text)


_ESCAPED_TOKEN = re.compile(r"(&lt;/?\d+/?&gt;)")
"""A placeholder (TOKEN) after :func:`escape`: ``&lt;`` and ``&gt;`` in escaped text come only from ``<`` and
``>`` (a literal ``&lt;`` becomes ``&amp;lt;``), and no reference reaches into a placeholder, so escaping the
whole text and then finding placeholders splits it exactly where TOKEN splits the raw text."""

_ESCAPED_VOID = re.compile(r"&lt;\d+/&gt;")
_ESCAPED_PAIR = re.compile(r"&lt;(\d+)&gt;&lt;/\1&gt;")  # a pair with nothing between

_FAST_CHUNK = 1 << 16  # characters split at a time: bounds the small strings alive at once


@dataclass
class _Table:
    """The markup of every usual placeholder of a run (see :func:`_fast_run`), made once per run."""

    markup: dict[str, str]
    """escaped placeholder → its markup."""
    paired: list[int]
    """Numbers of the paired elements in ``markup``."""
    ends: list[str]
    """Their end tags, in the same order."""
    keep: bool  # whether <0> opens a <span lang>

    def codes(self) -> tuple[dict[str, int], dict[int, str]]:
        """escaped placeholder → n + 1 when it opens element n, -(n + 1) when it closes it, 0 for neither;
        and n + 1 → end tag of element n. Only runs whose placeholders nest unusually need them."""
        code = dict.fromkeys(self.markup, 0)
        code.update((f"&lt;{n}&gt;", n + 1) for n in self.paired)
        code.update((f"&lt;/{n}&gt;", -n - 1) for n in self.paired)
        ends = {n + 1: end for n, end in zip(self.paired, self.ends, strict=True)}
        if self.keep:
            code["&lt;0&gt;"], code["&lt;/0&gt;"], ends[1] = 1, -1, "</span>"
        return code, ends


def _fast_run(handle: TextHandle, text: str, parent: str, renderer: Renderer, keep_lang: str | None) -> str | None:
    """What :class:`_RunWriter` prints for ``text``, or None where it cannot tell cheaply.

    On a run of 100,000 elements the writer's Python calls per piece were most of the build. Here the
    text is escaped in one pass, split at its placeholders, and each placeholder becomes markup looked
    up in a table made once per run. The table holds only the usual cases, whose markup does not
    depend on where they stand: ``<n>``/``</n>`` of paired elements that print their end tag, are not
    script/style and cannot print as ``<x/>`` (so an empty copy prints as a start and end tag, the
    start where the placeholder stood), ``<n/>`` of void elements, and the keep marks. Anything else
    (unknown or unusual numbers, ``</1/>``, a void element opened or closed, text in a script or
    style) returns None, and the writer does it piece by piece.
    """
    if parent in CDATA:
        return None
    table = _table(handle, parent, renderer, keep_lang)
    escaped = escape(text)
    simple = _well_nested_run(escaped, table)
    return simple if simple is not None else _nested_run(escaped, table)


def _table(handle: TextHandle, parent: str, renderer: Renderer, keep_lang: str | None) -> _Table:
    # Comprehensions and maps, not a loop storing each entry: a third less time on 100,000 elements.
    elements, voids = handle.elements, handle.voids
    paired = [
        (number, element)
        for number, element in elements.items()
        if type(element) is SourceTag
        and number not in voids
        and element.name not in CDATA
        and element.can_be_empty_element is not True
        and element.explicit_end
    ]
    numbers = [number for number, _ in paired]
    start_tag = renderer.start_tag
    starts = [start_tag(element.name, element.attrs, False) for _, element in paired]
    ends = ["</" + element.name + ">" for _, element in paired]
    markup = dict(zip(map("&lt;{}&gt;".format, numbers), starts, strict=True))
    markup.update(zip(map("&lt;/{}&gt;".format, numbers), ends, strict=True))
    for number in voids:
        element = elements.get(number)
        if isinstance(element, Tag):
            markup[f"&lt;{number}/&gt;"] = renderer.render(element)
        elif isinstance(element, NavigableString):  # depends on the parent only for script/style
            markup[f"&lt;{number}/&gt;"] = renderer.string(element, parent)
        elif element is not None:
            markup[f"&lt;{number}/&gt;"] = ""
        # else literal text (or the keep mark): the writer knows
    keep = 0 not in elements and keep_lang is not None
    if 0 not in elements:
        if keep_lang is None:  # no span may stand here (<title>): the text alone
            markup["&lt;0&gt;"] = markup["&lt;/0&gt;"] = ""
        else:
            markup["&lt;0&gt;"] = renderer.start_tag("span", {"lang": keep_lang}, False)
            markup["&lt;/0&gt;"] = "</span>"
        markup["&lt;0/&gt;"] = ""
    return _Table(markup, numbers, ends, keep)


def _well_nested_run(escaped: str, table: _Table) -> str | None:
    """The run when its placeholders are all in the table and nest as written, all without a Python
    call per placeholder: they are replaced by ``map``, and nesting is checked by taking out void
    placeholders and then empty pairs a few times over. None otherwise (also for pages nested deeper
    than the passes reach, where :func:`_nested_run` checks one placeholder at a time)."""
    out: list[str] = []
    look_up = table.markup.__getitem__
    pending = ""  # placeholders opened in earlier chunks and not yet closed
    pos, size = 0, len(escaped)
    while pos < size:
        cut = escaped.find("&lt;", pos + _FAST_CHUNK)  # a placeholder starts there, never inside one
        if cut < 0:
            cut = size
        parts = _ESCAPED_TOKEN.split(escaped[pos:cut])
        tokens = parts[1::2]
        try:
            parts[1::2] = map(look_up, tokens)
        except KeyError:
            return None
        rest = pending + _ESCAPED_VOID.sub("", "".join(tokens))
        for _ in range(8):
            rest, removed = _ESCAPED_PAIR.subn("", rest)
            if not removed:
                break
        if len(rest) > 4096:
            return None
        pending = rest
        out.append("".join(parts))
        pos = cut
    return None if pending else "".join(out)


def _nested_run(escaped: str, table: _Table) -> str | None:
    """The run when its placeholders are all in the table, however they nest: a closing placeholder
    ends the elements opened inside it too, a stray one is dropped, and elements still open at the end
    are closed, as :class:`_RunWriter` does. None when a placeholder is not in the table."""
    markups = table.markup
    codes, ends = table.codes()
    stack: list[int] = []
    parts = _ESCAPED_TOKEN.split(escaped)  # rare runs: not split in chunks
    for i in range(1, len(parts), 2):
        token = parts[i]
        code = codes.get(token)
        if code is None:
            return None
        markup = markups[token]
        if code < 0:
            if stack and stack[-1] == -code:
                stack.pop()
            elif -code in stack:
                closing = []
                while stack[-1] != -code:
                    closing.append(ends[stack.pop()])
                closing.append(ends[stack.pop()])
                markup = "".join(closing)
            else:
                markup = ""  # a stray closing placeholder is dropped
        elif code:
            stack.append(code)
        parts[i] = markup
    out = ["".join(parts)]
    out.extend(ends[code] for code in reversed(stack))
    return "".join(out)


class _RunWriter:
    """One translated run, printed piece by piece; pieces are joined in chunks as they come, so a
    run of 100,000 elements never holds hundreds of thousands of small strings at once."""

    CHUNK = 4096

    def __init__(self, handle: TextHandle, parent: str, renderer: Renderer, keep_lang: str | None) -> None:
        self.handle, self.parent, self.renderer, self.keep_lang = handle, parent, renderer, keep_lang
        self.chunks: list[str] = []
        self.out: list[str] = []
        self.stack: list[_Copy] = []

    def write(self, text: str) -> str:
        # Placeholders read as placeholders.tokens reads them, without a Token object for each (or a
        # cache entry: a run's text is read once here). "</1/>" is not a placeholder: it stays text.
        pos = 0
        for match in TOKEN.finditer(text):
            close, digits, void = match.groups()
            if close and void:
                continue
            start = match.start()
            if start > pos:
                self.text(text[pos:start])
            pos = match.end()
            self.token("close" if close else "void" if void else "open", int(digits), start, pos, text)
        if pos < len(text):
            self.text(text[pos:])
        while self.stack:
            self.close(self.stack.pop(), True)
        self.chunks.append("".join(self.out))
        return "".join(self.chunks)

    def token(self, kind: str, number: int, start: int, end: int, text: str) -> None:
        """One placeholder (``kind`` open, close or void) at ``text[start:end]``."""
        element = self.handle.elements.get(number)
        if element is None and number == 0:
            if self.keep_lang is None or kind == "void":
                return  # a keep mark where no span may stand (<title>): the text alone
            element = _KEEP
        if element is None:
            self.text(text[start:end])
        elif number in self.handle.voids:
            if kind != "close":
                if isinstance(element, Tag):
                    self.add(self.renderer.render(element))
                elif isinstance(element, NavigableString):
                    self.add(self.renderer.string(element, self.stack[-1].name if self.stack else self.parent))
        elif not isinstance(element, Tag):
            self.text(text[start:end])
        elif kind != "close":
            attrs: dict[str, object] = {"lang": self.keep_lang} if element is _KEEP else dict(element.attrs)
            empty = element is not _KEEP and element.can_be_empty_element is True
            copy = _Copy(number, element.name, attrs, empty, getattr(element, "explicit_end", True))
            self.add("")  # the copy is content of the element around it
            if kind == "open":
                self.stack.append(copy)
            else:
                self.close(copy, True)
        elif any(copy.number == number for copy in self.stack):
            while self.stack:
                copy = self.stack.pop()
                if copy.number == number:
                    # The source left this element open until its parent closed; so does the copy where it
                    # still ends its parent, else a browser would nest what follows differently.
                    self.close(copy, copy.source_end or not _ENDS_PARENT.match(text, end))
                    break
                self.close(copy, True)

    def add(self, piece: str) -> None:
        if self.stack and self.stack[-1].pending:
            top = self.stack[-1]
            top.pending = False
            self.out.append(self.renderer.start_tag(top.name, top.attrs, False))
        self.out.append(piece)
        if len(self.out) >= self.CHUNK:
            self.chunks.append("".join(self.out))
            self.out.clear()

    def text(self, value: str) -> None:
        self.add(value if (self.stack[-1].name if self.stack else self.parent) in CDATA else escape(value))

    def close(self, copy: _Copy, explicit: bool) -> None:
        """End ``copy``: bs4 prints an empty void-capable element as ``<x/>``, others with their end tag
        unless the source had none."""
        if copy.pending:
            self.out.append(self.renderer.start_tag(copy.name, copy.attrs, copy.can_be_empty))
            if copy.can_be_empty:
                return
        if explicit:
            self.out.append("</" + copy.name + ">")


_KEEP = SourceTag(name="span")
"""Stands for the ``<span lang>`` around kept source sentences (its attributes come from ``keep_lang``)."""


def set_language(soup: BeautifulSoup, lang: str, direction: str) -> None:
    root = soup.find("html")
    if not isinstance(root, Tag):
        return
    root["lang"] = lang
    if root.has_attr("xml:lang"):
        root["xml:lang"] = lang
    if direction == "rtl" or root.has_attr("dir"):
        root["dir"] = direction


def declare_utf8(soup: BeautifulSoup) -> None:
    """The page is written as UTF-8, so a legacy charset declaration would make browsers misread it."""
    for meta in soup.find_all("meta"):
        charset = meta.get("charset")
        if isinstance(charset, str) and charset.strip().lower() not in ("utf-8", "utf8"):
            meta["charset"] = "utf-8"
        if str(meta.get("http-equiv", "")).lower() == "content-type":
            content = meta.get("content")
            if isinstance(content, str):
                match = _CHARSET.search(content)
                if match and match.group(2).lower() not in ("utf-8", "utf8"):
                    meta["content"] = _CHARSET.sub(r"\1utf-8", content)
