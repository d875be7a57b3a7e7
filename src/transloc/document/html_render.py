"""Serialise a parsed page: one walk over the tree, writing strings to a list.

The output is byte for byte what ``BeautifulSoup.decode`` printed with :class:`SourceOrder` (and the
doctype and marked-section fixes below), proven against it in tests/test_html_render.py. bs4 pays for
generality the writer does not need (an event stream, a formatter call per node, indentation logic):
on a paragraph with 100,000 inline elements its decode took 4-5 s, this walk a fraction of that.
The walk can also skip runs of nodes and print finished text in their place (see :class:`Runs`),
so translated runs are never built as bs4 nodes at all.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag
from bs4.element import AttributeValueList, Declaration, Doctype, NavigableString, PageElement, PreformattedString
from bs4.formatter import HTMLFormatter

_AMPERSAND = re.compile(r"&([A-Za-z][A-Za-z0-9]*;?)?")


def _amp(match: re.Match[str]) -> str:
    name = match.group(1)
    if name and html.unescape(match.group(0)) == match.group(0):
        return match.group(0)
    return "&amp;" + (name or "")


def escape(text: str) -> str:
    """bs4's "minimal" escaping, except an ``&`` a browser reads as itself (``&brandShortName;``, which
    names no character) stays as written: unknown references survive a round trip unchanged."""
    if "&" in text:
        text = _AMPERSAND.sub(_amp, text)
    return str(text).replace("<", "&lt;").replace(">", "&gt;")


class SourceOrder(HTMLFormatter):
    """Minimal escaping (see :func:`escape`); attributes stay in source order (bs4 sorts them) to keep diffs small.

    The :class:`Renderer` follows this formatter; bs4's decode with it is the reference the tests compare with.
    """

    def __init__(self, void_close: str = "/") -> None:
        super().__init__(entity_substitution=escape, void_element_close_prefix=void_close)

    def attributes(self, tag: Tag) -> list[tuple[str, str | AttributeValueList | None]]:
        return list(tag.attrs.items()) if tag.attrs else []


CDATA = frozenset(SourceOrder().cdata_containing_tags or ())
"""Elements whose text bs4 prints unescaped (``script``, ``style``)."""


def quoted(value: str) -> str:
    """An attribute value in quotes, as bs4 quotes it: double, single when it holds only double quotes."""
    if '"' in value:
        if "'" in value:
            return '"' + value.replace('"', "&quot;") + '"'
        return "'" + value + "'"
    return '"' + value + '"'


@dataclass
class Runs:
    """Runs of sibling nodes the walk prints as finished text instead of their nodes."""

    text: dict[int, str] = field(default_factory=dict)
    """id of a run's first node → the text printed where the run began."""
    removed: set[int] = field(default_factory=set)
    """ids of every node the runs replace (the first ones included); nodes not listed stay where they are."""


class Renderer:
    """Prints elements and strings the way bs4's decode does with ``SourceOrder(void_close)``.

    Elements print their end tag only when ``explicit_end`` (:class:`.html_parser.SourceTag`) allows;
    void elements print ``void_close`` before ``>``. A top-level doctype ends with ``>`` alone (bs4
    appends a newline, but the source already has its own), and html.parser's ``<![if !IE]>``
    declarations print as written (bs4 would print ``<?if !IE?>``).
    """

    def __init__(self, void_close: str = "/") -> None:
        self.void_close = void_close

    # -- pieces -----------------------------------------------------------------------------

    def start_tag(self, name: str, attrs: Mapping[str, object], empty: bool, prefix: str | None = None) -> str:
        if not attrs and not prefix:  # most inline elements: no list to build
            return "<" + name + self.void_close + ">" if empty else "<" + name + ">"
        parts = ["<", prefix + ":" + name if prefix else name]
        for key, value in attrs.items():
            if value is None:
                parts.append(" " + key)
                continue
            if isinstance(value, (list, tuple)):
                value = " ".join(value)
            elif not isinstance(value, str):
                value = str(value)
            parts.append(" " + key + "=" + quoted(escape(value)))
        if empty:
            parts.append(self.void_close)
        parts.append(">")
        return "".join(parts)

    def string(self, node: NavigableString, parent_name: str | None, top: bool = False) -> str:
        """A character-data node; ``top`` when it is a child of the document itself."""
        cls = type(node)
        if cls is NavigableString:
            return str(node) if parent_name in CDATA else escape(node)
        if isinstance(node, PreformattedString):
            if top and isinstance(node, Doctype):
                return Doctype.PREFIX + node + ">"
            if cls is Declaration:
                return "<![" + node + "]>"
            return cls.PREFIX + node + cls.SUFFIX
        return cls.PREFIX + (str(node) if parent_name in CDATA else escape(node)) + cls.SUFFIX

    @staticmethod
    def end_tag(tag: Tag) -> str:
        if tag.hidden or not getattr(tag, "explicit_end", True):
            return ""
        return "</" + (tag.prefix + ":" + tag.name if tag.prefix else tag.name) + ">"

    def _open(self, tag: Tag) -> str:
        if tag.hidden:
            return ""
        return self.start_tag(tag.name, tag.attrs, tag.is_empty_element, tag.prefix)

    # -- walking ----------------------------------------------------------------------------

    def render(self, node: PageElement, runs: Runs | None = None) -> str:
        """``node`` and everything in it (a whole document, an element or a string) as markup."""
        out: list[str] = []
        self.write(node, out, runs or Runs())
        return "".join(out)

    def write(self, node: PageElement, out: list[str], runs: Runs) -> None:
        """Append ``node``'s markup to ``out`` piece by piece. Iterative: no depth limit."""
        if isinstance(node, NavigableString):
            parent = node.parent
            out.append(self.string(node, parent.name if parent is not None else None))
            return
        assert isinstance(node, Tag)  # a PageElement is one or the other
        write = out.append
        document = node if isinstance(node, BeautifulSoup) else None
        write(self._open(node))
        if node.is_empty_element:
            return
        removed, replaced = runs.removed, runs.text
        stack: list[tuple[Tag, Iterator[PageElement]]] = [(node, iter(node.contents))]
        while stack:
            parent, children = stack[-1]
            name = parent.name
            for child in children:
                if replaced:
                    text = replaced.get(id(child))
                    if text is not None:
                        write(text)
                    if id(child) in removed:
                        continue
                if isinstance(child, Tag):
                    write(self._open(child))
                    if not child.is_empty_element:
                        stack.append((child, iter(child.contents)))
                        break
                elif isinstance(child, NavigableString):
                    write(self.string(child, name, parent is document))
            else:
                stack.pop()
                write(self.end_tag(parent))
