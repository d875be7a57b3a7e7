"""The writer as it was before the single-walk renderer (transloc 159c407): bs4 nodes for every
translated run, then ``BeautifulSoup.decode``. Kept only as the reference the fast writer must match
byte for byte (tests/test_html_render.py); slow on long runs, which is why it was replaced.
"""
# ruff: noqa
# mypy: ignore-errors

from __future__ import annotations

import copy
import re

from bs4 import BeautifulSoup, Tag
from bs4.element import AttributeValueList, Declaration, Doctype, NavigableString, PageElement

from transloc.document.html import _fresh_tree
from transloc.document.html_extract import AttrHandle, TextHandle
from transloc.document.html_lang import anchors, mark_blocks, page_lang, relabel
from transloc.document.html_parser import StrayEndTag, deep_recursion, gc_paused
from transloc.document.html_render import SourceOrder
from transloc.document.html_rules import INVISIBLE, NEVER, is_text, is_zone, marker, reopens
from transloc.errors import TranslocError
from collections.abc import Iterator
from transloc.document.html_write import declare_utf8, set_language, void_style
from transloc.document.model import Block, Document, Fallback
from transloc.placeholders import tokens

_ENDS_PARENT = re.compile(r"</\d+>|\s*\Z")


class _Doctype(Doctype):
    SUFFIX = ">"  # bs4 appends a newline after the doctype; the source already has its own


class _MarkedSection(Declaration):
    PREFIX = "<!["  # html.parser reports <![if !IE]> as a declaration; bs4 would print it as <?if !IE?>
    SUFFIX = "]>"


def serialize(soup: BeautifulSoup, void_close: str = "/") -> str:
    for node in list(soup.contents):
        if isinstance(node, Doctype):
            node.replace_with(_Doctype(str(node)))
    for node in list(soup.find_all(string=lambda s: type(s) is Declaration)):
        node.replace_with(_MarkedSection(str(node)))
    # eventual_encoding=None: bs4 would otherwise rewrite every <meta charset> (even "UTF-8" → "utf-8").
    # bs4 annotates eventual_encoding as str, but documents and handles None ("leave charsets alone").
    return soup.decode(eventual_encoding=None, formatter=SourceOrder(void_close))  # type: ignore[arg-type]


_TEXT_ONLY = frozenset(("title", "textarea", "option", "optgroup", "select", "script", "style"))
"""Elements whose content a browser reads as text: a ``<span>`` there would show as characters."""


def apply(
    soup: BeautifulSoup, blocks: list[Block], translations: dict[int, str], keep_lang: str | None = None
) -> None:
    """Attributes first, so inline elements copied into translated runs carry translated attributes.

    With ``keep_lang``, text inside ``<0>…</0>`` (source sentences kept among translated ones) becomes
    ``<span lang="keep_lang">``."""
    chosen = [(i, t) for i, t in sorted(translations.items()) if 0 <= i < len(blocks) and t and t.strip()]
    for index, text in chosen:
        handle = blocks[index].handle
        if isinstance(handle, AttrHandle):
            handle.element[handle.attr] = text
    for index, text in chosen:
        handle = blocks[index].handle
        if isinstance(handle, TextHandle):
            _replace(soup, handle, text, keep_lang)


def _replace(soup: BeautifulSoup, handle: TextHandle, text: str, keep_lang: str | None = None) -> None:
    parent = handle.nodes[0].parent
    if parent is None:
        return
    if parent.name in _TEXT_ONLY:
        keep_lang = None
    new = build_nodes(soup, handle, handle.lead + text.strip() + handle.trail, keep_lang)
    # Positions are computed once, the old nodes leave from the last one back and the new ones go in
    # front to back: each list operation then shifts only what follows the run, never the run itself
    # (bs4's insert_before/extract would look every node up again: quadratic on long runs).
    start = parent.index(handle.nodes[0])
    for offset in range(len(handle.nodes) - 1, -1, -1):
        node = handle.nodes[offset]
        # Comments and other non-text character data inside the run stay (after the new content).
        if isinstance(node, (Tag, StrayEndTag)) or is_text(node):
            index = start + offset
            if index < len(parent.contents) and parent.contents[index] is node:
                node.extract(_self_index=index)
            else:
                node.extract()
    for offset, node in enumerate(new):
        parent.insert(start + offset, node)


def build_nodes(soup: BeautifulSoup, handle: TextHandle, text: str, keep_lang: str | None = None) -> list[PageElement]:
    """Nodes for ``text``: ``<n>…</n>`` → shallow copy of element n, ``<n/>`` → deep copy.

    Numbers the block does not know are kept as literal text; stray closing tokens are dropped.
    ``<0>…</0>`` (never a source element: those count from 1) is ``<span lang="keep_lang">``.
    """
    top: list[PageElement] = []
    stack: list[tuple[int, Tag]] = []

    def add(node: PageElement) -> None:
        if stack:
            stack[-1][1].append(node)
        else:
            top.append(node)

    pos = 0
    for tok in tokens(text):
        if tok.start > pos:
            add(NavigableString(text[pos : tok.start]))
        pos = tok.end
        element = handle.elements.get(tok.number)
        if element is None and tok.number == 0:
            if keep_lang is None or tok.kind == "void":
                continue  # a keep mark where no span may stand (<title>): the text alone
            element = soup.new_tag("span", attrs={"lang": keep_lang})
        if element is None:
            add(NavigableString(text[tok.start : tok.end]))
        elif tok.number in handle.voids:
            if tok.kind != "close":
                # A Tag as a deep copy; literal text and stray end tags as strings of their own class.
                if isinstance(element, Tag):
                    add(copy.copy(element))
                else:
                    add(type(element)(str(element)) if isinstance(element, NavigableString) else copy.copy(element))
        elif not isinstance(element, Tag):
            add(NavigableString(text[tok.start : tok.end]))
        elif tok.kind == "open":
            clone = shallow_copy(soup, element)
            add(clone)
            stack.append((tok.number, clone))
        elif tok.kind == "void":
            add(shallow_copy(soup, element))
        elif any(number == tok.number for number, _ in stack):
            while stack:
                number, clone = stack.pop()
                if number == tok.number:
                    # The source left this element open until its parent closed; so does the copy where it
                    # still ends its parent, else a browser would nest what follows differently.
                    if not getattr(element, "explicit_end", True) and _ENDS_PARENT.match(text, tok.end):
                        clone.explicit_end = False  # type: ignore[attr-defined]
                    break
    if pos < len(text):
        add(NavigableString(text[pos:]))
    return top


def shallow_copy(soup: BeautifulSoup, element: Tag) -> Tag:
    copied = soup.new_tag(element.name)
    copied.attrs = {
        key: (AttributeValueList(value) if isinstance(value, list) else value) for key, value in element.attrs.items()
    }
    return copied



def reference_write_html(
    doc: Document, translations: dict[int, str], lang: str, direction: str = "ltr", marks: Fallback | None = None
) -> str:
    """transloc.document.html.write_html as it was."""
    with gc_paused():
        if isinstance(doc.tree, BeautifulSoup) and doc.counts is None:
            doc.counts = reference_coverage(doc)
        soup, blocks = _fresh_tree(doc)
        doc.tree = None
        with deep_recursion(doc.path):
            if marks is None:
                apply(soup, blocks, translations)
            else:
                translated = anchors(blocks, translations)
                apply(soup, blocks, {**translations, **marks.spans}, marks.lang)
            if marks is not None and not translations:
                lang = page_lang(soup, marks.lang) or lang
            set_language(soup, lang, direction)
            if marks is not None:
                relabel(translated, marks.lang, lang)
                mark_blocks(soup, blocks, marks.blocks, marks.lang, translations)
            declare_utf8(soup)
            return serialize(soup, void_style(doc.source))


def _reference_strings(soup: BeautifulSoup) -> Iterator[tuple[NavigableString, bool]]:
    """Every visible text node in document order, with True when it lies in a never-extracted zone.

    Iterative, so pages nested thousands of levels deep cannot exhaust the stack. ``hard`` zones
    (code, svg…) stay closed; ``soft`` ones (translate="no"…) reopen at ``translate="yes"``.
    """
    off = False
    stack: list[tuple[Iterator[PageElement], bool, bool]] = [(iter(soup.contents), False, False)]
    while stack:
        children, hard, soft = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
        elif isinstance(child, Tag):
            if child.name not in INVISIBLE:
                child_hard = hard or child.name in NEVER
                child_soft = False if reopens(child) else soft or is_zone(child)
                stack.append((iter(list(child.contents)), child_hard, child_soft))
        elif is_text(child):
            yield child, hard or soft or off
        elif not (hard or soft):
            mark = marker(child)
            if mark is not None:
                off = mark == "off"


def reference_coverage(doc: Document) -> tuple[int, int]:
    """(visible non-space characters inside text blocks, visible non-space characters outside zones).

    The gap is text a reader sees that would stay German in every translation.
    """
    if doc.format != "html":
        raise TranslocError("not a parsed HTML document", doc.path)
    if doc.counts is not None:
        return doc.counts
    with gc_paused():
        tree, blocks = _fresh_tree(doc)
    covered: set[int] = set()
    for block in blocks:
        if isinstance(block.handle, TextHandle):
            for node in block.handle.nodes:
                if isinstance(node, Tag):
                    covered.update(id(s) for s in node.descendants if is_text(s))
                elif is_text(node):
                    covered.add(id(node))
    inside = total = 0
    with deep_recursion(doc.path):
        for node, zone in _reference_strings(tree):
            if zone:
                continue
            chars = sum(1 for ch in node if not ch.isspace())
            total += chars
            if id(node) in covered:
                inside += chars
    return inside, total
