"""The extractor as it was before issue 11's speed-ups (commit 159c407), kept to test the fast one against.

html_extract.py and the zone/role rules it calls from html_rules.py, verbatim but for imports: the
handles are the production classes, so blocks compare field by field.
"""
# ruff: noqa
# mypy: ignore-errors

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString, PageElement

from transloc.document.html_extract import AttrHandle, TextHandle
from transloc.document.html_parser import StrayEndTag, deep_recursion
from transloc.document.html_rules import (
    BLOCK_KINDS,
    INLINE,
    INLINE_OPAQUE,
    INVISIBLE,
    NEVER,
    ROLE_CLASSES,
    VOID,
    attribute_names,
    is_text,
    marker,
    meta_key,
)
from transloc.document.model import Block
from transloc.placeholders import TOKEN
from transloc.placeholders import strip as strip_placeholders


def classes(tag: Tag) -> list[str]:
    value = tag.get("class")
    if value is None:
        return []
    return value.split() if isinstance(value, str) else [str(v) for v in value]


def is_zone(tag: Tag) -> bool:
    """Never extracted: code-like elements and anything the author marked as not to be translated."""
    if tag.name in NEVER:
        return True
    if str(tag.get("translate", "")).strip().lower() == "no":
        return True
    if tag.has_attr("data-translate-ignore"):
        return True
    return "notranslate" in classes(tag)


def reopens(tag: Tag) -> bool:
    """``translate="yes"`` inside a ``translate="no"`` region makes its content translatable again
    (HTML semantics); code, scripts and the like stay closed whatever they say."""
    return str(tag.get("translate", "")).strip().lower() == "yes" and not is_zone(tag)


def role(tag: Tag) -> str | None:
    """``kicker`` or ``credit`` when the element's class says so (cheap, and right on real news pages)."""
    names = classes(tag)
    for kind, pattern in ROLE_CLASSES:
        if any(pattern.search(c) for c in names):
            return kind
    return None


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
        # must be able to cut through them.
        self.marked: set[int] = set()
        for comment in soup.find_all(string=lambda s: marker(s) is not None):
            parent = comment.parent
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
        if key not in self._inline:
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
        return self._inline[key]

    def has_text(self, node: PageElement) -> bool:
        """True if ``node`` holds visible, extractable non-whitespace text."""
        if is_text(node):
            return bool(str(node).strip())
        if not isinstance(node, Tag):
            return False
        key = id(node)
        if key not in self._text:
            if is_zone(node) or node.name in INVISIBLE or node.name in VOID:
                self._text[key] = False
            else:
                found = False
                for child in node.contents:
                    if self.has_text(child):
                        found = True
                        break
                self._text[key] = found
        return self._text[key]

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
            mark = marker(child)
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
        for index, node in enumerate(nodes):
            node_role = role(node) if isinstance(node, Tag) and len(nodes) > 1 else None
            if node_role and self.has_text(node):
                self._emit(self._trim(nodes[:index]), kind)
                self._emit([node], node_role)
                self._emit(self._trim(nodes[index + 1 :]), kind)
                return
        block = self._text_block(nodes, kind)
        if block is not None:
            self.blocks.append(block)

    def _text_block(self, nodes: list[PageElement], kind: str) -> Block | None:
        parts: list[str] = []
        elements: dict[int, PageElement] = {}
        voids: set[int] = set()

        def visit(node: PageElement) -> None:
            if is_text(node):
                # Source text that looks like a placeholder ("<1>") is itself hidden behind one.
                pos = 0
                value = str(node).replace(SOFT_HYPHEN, "")
                for match in TOKEN.finditer(value):
                    number = len(elements) + 1
                    elements[number] = NavigableString(match.group(0))
                    voids.add(number)
                    parts.append(value[pos : match.start()] + f"<{number}/>")
                    pos = match.end()
                parts.append(value[pos:])
            elif isinstance(node, StrayEndTag):
                number = len(elements) + 1  # kept where it stands: a browser may read it as an element
                elements[number] = node
                voids.add(number)
                parts.append(f"<{number}/>")
            elif isinstance(node, Tag):
                if node.name == "wbr":
                    return  # a German line-break hint inside a word; keeping it would split the word for MT
                number = len(elements) + 1
                elements[number] = node
                if node.name in VOID or not self.has_text(node):
                    voids.add(number)
                    parts.append(f"<{number}/>")
                else:
                    # Edge whitespace moves outside the element (`<1>Wort </1>` → `<1>Wort</1> `): it renders
                    # the same, reads better, and lets a sentence end right at a closing placeholder.
                    start = len(parts)
                    for child in node.contents:
                        visit(child)
                    inner = "".join(parts[start:])
                    del parts[start:]
                    body = inner.strip()
                    lead = inner[: len(inner) - len(inner.lstrip())]
                    trail = inner[len(inner.rstrip()) :]
                    parts.append(f"{lead}<{number}>{body}</{number}>{trail}")

        for node in nodes:
            visit(node)
        raw = "".join(parts)
        text = raw.strip()
        if not has_alnum(strip_placeholders(text)):
            return None
        lead = raw[: len(raw) - len(raw.lstrip())]
        trail = raw[len(raw.rstrip()) :]
        line = self.lines.start_line(nodes) + lead.count("\n")
        handle = TextHandle(nodes, elements, frozenset(voids), lead, trail)
        return Block(kind=kind, text=text, line=line, handle=handle)

    # -- attributes -----------------------------------------------------------------------

    def _collect_attrs(self, tag: Tag, out: list[Block]) -> None:
        stack = [tag]
        while stack:
            current = stack.pop()
            if is_zone(current):
                continue
            self._attrs(current, out)
            stack.extend(reversed([c for c in current.contents if isinstance(c, Tag)]))

    def _attrs(self, tag: Tag, out: list[Block]) -> None:
        if is_zone(tag):
            return
        if tag.name == "meta":
            key = meta_key(tag)
            value = tag.get("content")
            if key and isinstance(value, str) and has_alnum(value):
                value = value.replace(SOFT_HYPHEN, "")
                line = self.lines.attribute_line(tag, "content")
                out.append(Block(f"meta:{key}", value, line, handle=AttrHandle(tag, "content")))
        for attr in attribute_names(tag):
            value = tag.get(attr)
            if isinstance(value, str) and has_alnum(value):
                value = value.replace(SOFT_HYPHEN, "")
                line = self.lines.attribute_line(tag, attr)
                out.append(Block(f"attr:{attr}", value, line, handle=AttrHandle(tag, attr)))


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
