"""Walk a parsed page and cut it into blocks: runs of inline content, attribute values, meta texts.

The walk never trusts the markup to be well formed: an "inline" element that holds block-level
elements (``<a><div>…</div></a>``) is treated as a container, and whatever the parser produced
for broken nesting is taken as it stands.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from bs4.element import Comment, NavigableString, PageElement, PreformattedString

from ..placeholders import TOKEN
from ..placeholders import strip as strip_placeholders
from .html_parser import StrayEndTag, deep_recursion
from .html_rules import (
    BLOCK_KINDS,
    INLINE,
    INLINE_OPAQUE,
    INVISIBLE,
    NEVER,
    VOID,
    attribute_names,
    is_zone,
    marker,
    meta_key,
    reopens,
    role,
)
from .model import Block


@dataclass
class TextHandle:
    """Where a text block lives: a run of sibling nodes and the elements behind its placeholders."""

    nodes: list[PageElement]
    elements: dict[int, PageElement]
    """Placeholder number → source element (or literal source text that looked like a placeholder)."""
    voids: frozenset[int]
    lead: str
    """Whitespace before the block text in the source; the writer keeps it around the translation."""
    trail: str


@dataclass
class AttrHandle:
    element: Tag
    attr: str


_MARKER_HINT = re.compile(r"translate\s*:", re.I)  # what every translate:off/on marker comment says
_START_TAG = re.compile(r"""<[^\s/>]+(?:[^>"']|"[^"]*"|'[^']*')*>""")

# Soft hyphens are German hyphenation hints: they would split words for MT and glossary matching,
# and their positions are meaningless in a translation, so blocks leave them out.
SOFT_HYPHEN = "\xad"


def has_alnum(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


class Extractor:
    """One pass over a tree; ``blocks`` come out in document order (a run's attributes after its text)."""

    def __init__(self, soup: BeautifulSoup, source: str = "") -> None:
        self.soup = soup
        self.lines = _SourceLines(source)
        self.blocks: list[Block] = []
        self.off = False
        self._inline: dict[int, bool] = {}
        self._text: dict[int, bool] = {}
        # Elements holding a translate:off/on marker cannot be a single placeholder: the marker
        # must be able to cut through them. A comment's text stands in the source as written, so
        # a page whose source never says "translate:" needs no look at its nodes.
        self.marked: set[int] = set()
        if not source or _MARKER_HINT.search(source):
            for node in soup.descendants:
                if isinstance(node, Comment) and marker(node) is not None:
                    parent = node.parent
                    while parent is not None and id(parent) not in self.marked:
                        self.marked.add(id(parent))
                        parent = parent.parent

    def run(self) -> list[Block]:
        self._walk(self.soup)
        return self.blocks

    # -- classification -------------------------------------------------------------------

    def inline_ok(self, tag: Tag) -> bool:
        """True if ``tag`` may sit inside a sentence run (itself and its whole subtree inline)."""
        key = id(tag)
        known = self._inline.get(key)
        if known is not None:
            return known
        if key in self.marked:
            ok = False
        elif tag.name in INLINE_OPAQUE or is_zone(tag):
            ok = tag.name in INLINE or tag.name in INLINE_OPAQUE
            if ok and tag.name not in NEVER and tag.find(reopens) is not None:
                ok = False  # it holds translate="yes" content: a region to walk, not a placeholder
        elif tag.name not in INLINE:
            ok = False
        else:
            # Plain loops, not all()/any(): Python-to-Python recursion does not grow the C stack.
            ok = True
            for child in tag.contents:
                if isinstance(child, Tag) and not self.inline_ok(child):
                    ok = False
                    break
        self._inline[key] = ok
        return ok

    def has_text(self, node: PageElement) -> bool:
        """True if ``node`` holds visible, extractable non-whitespace text."""
        if isinstance(node, NavigableString):
            return not isinstance(node, PreformattedString) and bool(node) and not node.isspace()  # is_text
        if not isinstance(node, Tag):
            return False
        key = id(node)
        known = self._text.get(key)
        if known is not None:
            return known
        found = False
        if not (node.name in INVISIBLE or node.name in VOID or is_zone(node)):
            for child in node.contents:
                if self.has_text(child):
                    found = True
                    break
        self._text[key] = found
        return found

    # -- walking --------------------------------------------------------------------------

    def _walk(self, container: Tag) -> None:
        kind = role(container) or BLOCK_KINDS.get(container.name, "text")
        if not self.off:
            self._attrs(container, self.blocks)
        run: list[PageElement] = []
        for child in list(container.contents):
            if self.off:
                if marker(child) == "on":
                    self.off = False
                elif isinstance(child, Tag) and id(child) in self.marked:
                    if not is_zone(child):
                        self._walk(child)
                    elif child.name not in NEVER:
                        self._reopen(child)
                continue
            mark = marker(child) if isinstance(child, Comment) else None
            if mark == "off":
                self._flush(run, kind)
                run = []
                self.off = True
            elif mark == "on":
                continue
            elif not isinstance(child, Tag):
                run.append(child)
            elif self.inline_ok(child):
                run.append(child)
            else:
                self._flush(run, kind)
                run = []
                if not is_zone(child):
                    self._walk(child)
                elif child.name not in NEVER:
                    self._reopen(child)
        self._flush(run, kind)

    def _reopen(self, zone: Tag) -> None:
        """Walk the ``translate="yes"`` islands of a ``translate="no"`` region."""
        stack = [c for c in reversed(zone.contents) if isinstance(c, Tag)]
        while stack:
            tag = stack.pop()
            if reopens(tag):
                self._walk(tag)
            elif tag.name not in NEVER:
                stack.extend(c for c in reversed(tag.contents) if isinstance(c, Tag))

    def _trim(self, nodes: list[PageElement]) -> list[PageElement]:
        start, end = 0, len(nodes)
        while start < end and not self.has_text(nodes[start]):
            start += 1
        while end > start and not self.has_text(nodes[end - 1]):
            end -= 1
        return nodes[start:end]

    def _flush(self, run: list[PageElement], kind: str) -> None:
        if not run:
            return
        pending: list[Block] = []
        for node in run:
            if isinstance(node, Tag):
                self._collect_attrs(node, pending)
        self._emit(self._trim(run), kind)
        self.blocks.extend(pending)

    def _emit(self, nodes: list[PageElement], kind: str) -> None:
        # A wrapper around the whole run (<p><strong>…</strong></p>) is markup, not sentence content.
        while len(nodes) == 1 and isinstance(nodes[0], Tag):
            kind = role(nodes[0]) or kind
            nodes = self._trim(list(nodes[0].contents))
        if not nodes:
            return
        # A kicker or credit inside a run (<h2><span class="kicker">…</span> Titel</h2>) is a block of its own.
        for index, node in enumerate(nodes if len(nodes) > 1 else ()):
            node_role = role(node) if isinstance(node, Tag) else None
            if node_role and self.has_text(node):
                self._emit(self._trim(nodes[:index]), kind)
                self._emit([node], node_role)
                self._emit(self._trim(nodes[index + 1 :]), kind)
                return
        block = self._text_block(nodes, kind)
        if block is not None:
            self.blocks.append(block)

    def _text_block(self, nodes: list[PageElement], kind: str) -> Block | None:
        raw, elements, voids = self._numbered(nodes)
        text = raw.strip()
        if not has_alnum(strip_placeholders(text)):
            return None
        lead = raw[: len(raw) - len(raw.lstrip())]
        trail = raw[len(raw.rstrip()) :]
        line = self.lines.start_line(nodes) + lead.count("\n")
        handle = TextHandle(nodes, elements, frozenset(voids), lead, trail)
        return Block(kind=kind, text=text, line=line, handle=handle)

    def _numbered(self, nodes: list[PageElement]) -> tuple[str, dict[int, PageElement], set[int]]:
        """The text of ``nodes`` with numbered placeholders, what each number stands for, the void ones."""
        numbering = _Numbering(self.has_text)
        for node in nodes:
            numbering.visit(node)
        return "".join(numbering.parts), numbering.elements, numbering.voids

    # -- attributes -----------------------------------------------------------------------

    def _collect_attrs(self, tag: Tag, out: list[Block]) -> None:
        stack = [tag]
        while stack:
            current = stack.pop()
            if current.attrs:
                if is_zone(current):
                    continue
                self._attr_blocks(current, out)
            elif current.name in NEVER:  # is_zone without attributes
                continue
            children = [c for c in current.contents if isinstance(c, Tag)]
            if children:
                children.reverse()
                stack.extend(children)

    def _attrs(self, tag: Tag, out: list[Block]) -> None:
        if tag.attrs and not is_zone(tag):  # without attributes, no text in them either
            self._attr_blocks(tag, out)

    def _attr_blocks(self, tag: Tag, out: list[Block]) -> None:
        """Blocks for the text-bearing attributes of ``tag``, known to be outside a zone."""
        attrs = tag.attrs
        if tag.name == "meta":
            key = meta_key(tag)
            value = attrs.get("content")
            if key and isinstance(value, str) and has_alnum(value):
                value = value.replace(SOFT_HYPHEN, "")
                line = self.lines.attribute_line(tag, "content")
                out.append(Block(f"meta:{key}", value, line, handle=AttrHandle(tag, "content")))
        for attr in attribute_names(tag):
            value = attrs.get(attr)
            if isinstance(value, str) and has_alnum(value):
                value = value.replace(SOFT_HYPHEN, "")
                line = self.lines.attribute_line(tag, attr)
                out.append(Block(f"attr:{attr}", value, line, handle=AttrHandle(tag, attr)))


class _Numbering:
    """Block text with numbered placeholders (``<1>…</1>``, ``<2/>``), built node by node.

    A class rather than a closure calling itself: such a closure is a reference cycle, and would keep
    the text parts and the extractor's caches alive until a full garbage collection (which
    read_html pauses).
    """

    def __init__(self, has_text: Callable[[PageElement], bool]) -> None:
        self.parts: list[str] = []
        self.elements: dict[int, PageElement] = {}
        """Placeholder number → source element (or literal source text that looked like a placeholder)."""
        self.voids: set[int] = set()
        self.has_text = has_text

    def visit(self, node: PageElement) -> None:
        parts, elements = self.parts, self.elements
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):  # is_text
                value = node.replace(SOFT_HYPHEN, "")
                if "<" in value:
                    # Source text that looks like a placeholder ("<1>") is itself hidden behind one.
                    pos = 0
                    for match in TOKEN.finditer(value):
                        number = len(elements) + 1
                        elements[number] = NavigableString(match.group(0))
                        self.voids.add(number)
                        parts.append(value[pos : match.start()] + f"<{number}/>")
                        pos = match.end()
                    value = value[pos:]
                parts.append(value)
            elif isinstance(node, StrayEndTag):
                number = len(elements) + 1  # kept where it stands: a browser may read it as an element
                elements[number] = node
                self.voids.add(number)
                parts.append(f"<{number}/>")
        elif isinstance(node, Tag):
            name = node.name
            if name == "wbr":
                return  # a German line-break hint inside a word; keeping it would split the word for MT
            number = len(elements) + 1
            elements[number] = node
            if name in VOID or not self.has_text(node):
                self.voids.add(number)
                parts.append(f"<{number}/>")
                return
            # Edge whitespace moves outside the element (`<1>Wort </1>` → `<1>Wort</1> `): it renders
            # the same, reads better, and lets a sentence end right at a closing placeholder.
            start = len(parts)
            for child in node.contents:
                self.visit(child)
            inner = "".join(parts[start:])
            del parts[start:]
            body = inner.strip()
            if len(body) == len(inner):
                parts.append(f"<{number}>{body}</{number}>")
            else:
                lead = inner[: len(inner) - len(inner.lstrip())]
                trail = inner[len(inner.rstrip()) :]
                parts.append(f"{lead}<{number}>{body}</{number}>{trail}")


class _SourceLines:
    """Source lines of text nodes. bs4 dates elements only (line and column of the start tag)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.offsets = [0]
        for match in re.finditer("\n", source):
            self.offsets.append(match.end())

    def start_line(self, nodes: list[PageElement]) -> int:
        """Count newlines back from the next dated element, else on from the previous one or the parent."""
        newlines = 0
        node: PageElement | None = nodes[0]
        while node is not None:
            if isinstance(node, Tag) and node.sourceline is not None:
                return max(1, node.sourceline - newlines)
            newlines += str(node).count("\n")
            node = node.next_sibling
        newlines = 0
        node = nodes[0].previous_sibling
        while node is not None:
            if isinstance(node, Tag) and node.sourceline is not None:
                return node.sourceline + str(node).count("\n") + newlines
            newlines += str(node).count("\n")
            node = node.previous_sibling
        parent = nodes[0].parent
        if isinstance(parent, Tag) and parent.sourceline is not None:
            return parent.sourceline + self._start_tag_newlines(parent)
        return 1

    def attribute_line(self, tag: Tag, attr: str) -> int:
        """Line of ``attr`` inside ``tag``'s start tag (pages often write one attribute per line)."""
        start_tag = self._start_tag(tag)
        match = re.search(rf"\s{re.escape(attr)}\s*=", start_tag, re.I)
        return (tag.sourceline or 1) + (start_tag[: match.start() + 1].count("\n") if match else 0)

    def _start_tag_newlines(self, tag: Tag) -> int:
        return self._start_tag(tag).count("\n")

    def _start_tag(self, tag: Tag) -> str:
        line, column = tag.sourceline or 0, tag.sourcepos or 0
        if not 0 < line <= len(self.offsets):
            return ""
        match = _START_TAG.match(self.source, self.offsets[line - 1] + column)
        return match.group(0) if match else ""


def extract(soup: BeautifulSoup, source: str = "", path: str | Path | None = None) -> list[Block]:
    with deep_recursion(path):
        return Extractor(soup, source).run()
