"""HTML pages in and out: read a page into blocks, write it back with translations in place.

The reader keeps the parsed tree; the first build translates that tree and later builds re-parse
the source, so one Document can be built into many languages without the outputs leaking into
each other.
Everything outside the translated blocks is serialized exactly as the parser read it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PageElement, Tag

from ..errors import TranslocError
from ..fileio import read_text
from .html_extract import TextHandle, extract
from .html_lang import anchors, mark_blocks, page_lang, relabel
from .html_parser import deep_recursion, gc_paused, parse
from .html_render import Renderer
from .html_rules import INVISIBLE, NEVER, is_text, is_zone, marker, reopens
from .html_write import apply_attributes, declare_utf8, render_runs, set_language, void_style
from .model import Block, Document, Fallback

__all__ = ["read_html", "write_html", "visible_text", "extractable_strings", "coverage"]


def read_html(path: Path, text: str | None = None) -> Document:
    """Parse a page into blocks. ``text`` is the decoded source (read from ``path`` when None)."""
    path = Path(path)
    if text is None:
        text = read_text(path, html=True)
    with gc_paused():
        soup = parse(text)
        blocks = extract(soup, text, path)
    return Document(path=path, format="html", blocks=blocks, source=text, tree=soup)


def write_html(
    doc: Document, translations: dict[int, str], lang: str, direction: str = "ltr", marks: Fallback | None = None
) -> str:
    """The page with ``translations`` (block index → text with the block's placeholders) in place.

    Blocks without a translation stay as parsed; ``<html lang>`` is set, and ``dir`` only for
    right-to-left targets or pages that already declared a direction. With ``marks``, elements the
    source marks as ``marks.lang`` name ``lang`` where their content was translated, and text that
    fell back to the source language is marked ``lang="de"`` (see :mod:`.html_lang`).
    The first build uses the tree the reader made (parsing a page again costs as much as reading
    it); later ones parse the source.
    """
    with gc_paused():
        if isinstance(doc.tree, BeautifulSoup) and doc.counts is None:
            doc.counts = coverage(doc)  # cheaper than parsing the page again for it later
        soup, blocks = _fresh_tree(doc)
        doc.tree = None  # about to be translated: no longer the source's tree
        with deep_recursion(doc.path):
            renderer = Renderer(void_style(doc.source))
            keep = None if marks is None else marks.lang
            chosen = translations if marks is None else {**translations, **marks.spans}
            translated = anchors(blocks, translations) if marks is not None else []
            apply_attributes(blocks, chosen)
            declare_utf8(soup)  # before the runs are rendered: a <meta> copied into one is declared too
            runs = render_runs(blocks, chosen, renderer, keep)
            if marks is not None and not translations:
                lang = page_lang(soup, marks.lang) or lang
            set_language(soup, lang, direction)
            if marks is not None:
                relabel(translated, marks.lang, lang)
                mark_blocks(soup, blocks, marks.blocks, marks.lang, translations)
            page = renderer.render(soup, runs)
    if blocks is doc.blocks:
        # The reader's tree is used up; its blocks no longer point into it, so it can be freed now
        # rather than stay alive beside the tree of every later build (which parses the source again).
        for block in doc.blocks:
            block.handle = None
    return page


def _fresh_tree(doc: Document) -> tuple[BeautifulSoup, list[Block]]:
    """The source's tree and its blocks: the reader's while untouched, else parsed again."""
    if isinstance(doc.tree, BeautifulSoup):
        return doc.tree, doc.blocks
    soup = parse(doc.source)
    blocks = extract(soup, doc.source, doc.path)
    if [b.text for b in blocks] != [b.text for b in doc.blocks]:
        raise TranslocError("page differs from the one that was read", doc.path, "read the page again before building")
    return soup, blocks


def _strings(
    soup: BeautifulSoup, covered: frozenset[int] | set[int] = frozenset()
) -> Iterator[tuple[NavigableString, bool, bool]]:
    """Every visible text node in document order, with True when it lies in a never-extracted zone,
    and True when it is (or lies in) a node whose id is in ``covered``.

    Iterative, so pages nested thousands of levels deep cannot exhaust the stack. ``hard`` zones
    (code, svg…) stay closed; ``soft`` ones (translate="no"…) reopen at ``translate="yes"``.
    """
    off = False
    stack: list[tuple[Iterator[PageElement], bool, bool, bool]] = [(iter(soup.contents), False, False, False)]
    while stack:
        children, hard, soft, inside = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
        elif isinstance(child, Tag):
            if child.name not in INVISIBLE:
                child_hard = hard or child.name in NEVER
                child_soft = False if reopens(child) else soft or is_zone(child)
                child_inside = inside or id(child) in covered
                stack.append((iter(list(child.contents)), child_hard, child_soft, child_inside))
        elif is_text(child):
            yield child, hard or soft or off, inside or id(child) in covered
        elif not (hard or soft):
            mark = marker(child)
            if mark is not None:
                off = mark == "off"


def visible_text(html: str) -> str:
    """Whitespace-normalised text a reader can see (scripts, styles, templates and comments left out)."""
    soup = parse(html)
    with deep_recursion():
        return " ".join("".join(str(node) for node, _, _ in _strings(soup)).split())


def extractable_strings(html: str) -> list[str]:
    """Visible text nodes outside never-extracted zones: what a full translation must have replaced."""
    soup = parse(html)
    with deep_recursion():
        return [str(node) for node, zone, _ in _strings(soup) if not zone and str(node).strip()]


def coverage(doc: Document) -> tuple[int, int]:
    """(visible non-space characters inside text blocks, visible non-space characters outside zones).

    The gap is text a reader sees that would stay German in every translation.
    """
    if doc.format != "html":
        raise TranslocError("not a parsed HTML document", doc.path)
    if doc.counts is not None:
        return doc.counts
    with gc_paused():
        tree, blocks = _fresh_tree(doc)
    # The top nodes of every text block: all text in them is covered.
    covered = {id(node) for block in blocks if isinstance(block.handle, TextHandle) for node in block.handle.nodes}
    inside = total = 0
    with deep_recursion(doc.path):
        for node, zone, in_block in _strings(tree, covered):
            if zone:
                continue
            chars = len("".join(node.split()))  # non-space characters (split() and isspace() agree)
            total += chars
            if in_block:
                inside += chars
    return inside, total
