"""Put translations back into a parsed page: attribute values, then runs of inline content.

Translations arrive as text with numbered placeholders. Text always becomes escaped text nodes,
never markup, so a msgstr cannot inject HTML; placeholders become copies of the source elements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from ..placeholders import tokens
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
        for node in handle.nodes:
            if isinstance(node, (Tag, StrayEndTag)) or is_text(node):
                runs.removed.add(id(node))
    return runs


@dataclass
class _Copy:
    """An element of the run opened by ``<n>``, printed as a shallow copy of its source element."""

    number: int
    name: str
    at: int
    """Index of its start tag in the output (rewritten when it turns out empty and void-capable)."""
    start: tuple[str, dict[str, object]]
    can_be_empty: bool
    source_end: bool
    """Whether the source element had an end tag (see :class:`.html_parser.SourceTag`)."""
    filled: bool = False


def render_run(handle: TextHandle, text: str, parent: str, renderer: Renderer, keep_lang: str | None = None) -> str:
    """Markup for ``text`` in an element named ``parent``: ``<n>…</n>`` → shallow copy of element n,
    ``<n/>`` → deep copy; text is escaped, so a msgstr cannot inject markup.

    Numbers the block does not know are kept as literal text; stray closing tokens are dropped.
    ``<0>…</0>`` (never a source element: those count from 1) is ``<span lang="keep_lang">``.
    Prints exactly what the copies would print as bs4 nodes (tests compare with that).
    """
    out: list[str] = []
    stack: list[_Copy] = []

    def add(piece: str) -> None:
        out.append(piece)
        if stack:
            stack[-1].filled = True

    def add_text(value: str) -> None:
        add(value if (stack[-1].name if stack else parent) in CDATA else escape(value))

    def close(copy: _Copy, explicit: bool) -> None:
        if not copy.filled and copy.can_be_empty:
            name, attrs = copy.start
            out[copy.at] = renderer.start_tag(name, attrs, True)
        elif explicit:
            out.append("</" + copy.name + ">")

    pos = 0
    for tok in tokens(text):
        if tok.start > pos:
            add_text(text[pos : tok.start])
        pos = tok.end
        element = handle.elements.get(tok.number)
        if element is None and tok.number == 0:
            if keep_lang is None or tok.kind == "void":
                continue  # a keep mark where no span may stand (<title>): the text alone
            element = _KEEP
        if element is None:
            add_text(text[tok.start : tok.end])
        elif tok.number in handle.voids:
            if tok.kind != "close":
                if isinstance(element, Tag):
                    add(renderer.render(element))
                elif isinstance(element, NavigableString):
                    add(renderer.string(element, stack[-1].name if stack else parent))
        elif not isinstance(element, Tag):
            add_text(text[tok.start : tok.end])
        elif tok.kind == "open" or tok.kind == "void":
            attrs: dict[str, object] = {"lang": keep_lang} if element is _KEEP else dict(element.attrs)
            add(renderer.start_tag(element.name, attrs, False))
            copy = _Copy(
                tok.number,
                element.name,
                len(out) - 1,
                (element.name, attrs),
                element is not _KEEP and element.can_be_empty_element is True,
                getattr(element, "explicit_end", True),
            )
            if tok.kind == "open":
                stack.append(copy)
            else:
                close(copy, True)
        elif any(copy.number == tok.number for copy in stack):
            while stack:
                copy = stack.pop()
                if copy.number == tok.number:
                    # The source left this element open until its parent closed; so does the copy where it
                    # still ends its parent, else a browser would nest what follows differently.
                    close(copy, copy.source_end or not _ENDS_PARENT.match(text, tok.end))
                    break
                close(copy, True)
    if pos < len(text):
        add_text(text[pos:])
    while stack:
        close(stack.pop(), True)
    return "".join(out)


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
