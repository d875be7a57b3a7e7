"""Put translations back into a parsed page: attribute values, then runs of inline content.

Translations arrive as text with numbered placeholders. Text always becomes escaped text nodes,
never markup, so a msgstr cannot inject HTML; placeholders become copies of the source elements.
"""

from __future__ import annotations

import copy
import html
import re

from bs4 import BeautifulSoup, Tag
from bs4.element import AttributeValueList, Declaration, Doctype, NavigableString, PageElement
from bs4.formatter import HTMLFormatter

from ..placeholders import tokens
from .html_extract import AttrHandle, TextHandle
from .html_parser import StrayEndTag
from .html_rules import is_text
from .model import Block

_ENDS_PARENT = re.compile(r"</\d+>|\s*\Z")
_CHARSET = re.compile(r"(charset\s*=\s*)([A-Za-z0-9_.:-]+)", re.I)


_VOID_TAG = re.compile(
    r"<(?:area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr)\b[^<>]*?(\s?/?)>", re.I
)


_AMPERSAND = re.compile(r"&([A-Za-z][A-Za-z0-9]*;?)?")


def escape(text: str) -> str:
    """bs4's "minimal" escaping, except an ``&`` a browser reads as itself (``&brandShortName;``, which
    names no character) stays as written: unknown references survive a round trip unchanged."""

    def amp(match: re.Match[str]) -> str:
        name = match.group(1)
        if name and html.unescape(match.group(0)) == match.group(0):
            return match.group(0)
        return "&amp;" + (name or "")

    return _AMPERSAND.sub(amp, text).replace("<", "&lt;").replace(">", "&gt;")


class SourceOrder(HTMLFormatter):
    """Minimal escaping (see :func:`escape`); attributes stay in source order (bs4 sorts them) to keep diffs small."""

    def __init__(self, void_close: str = "/") -> None:
        super().__init__(entity_substitution=escape, void_element_close_prefix=void_close)

    def attributes(self, tag: Tag) -> list[tuple[str, str | AttributeValueList | None]]:
        return list(tag.attrs.items()) if tag.attrs else []


def void_style(source: str) -> str:
    """How the page mostly ends void elements: ``""`` (``<br>``), ``"/"`` (``<br/>``) or ``" /"`` (``<br />``)."""
    counts: dict[str, int] = {}
    for match in _VOID_TAG.finditer(source):
        style = match.group(1) if match.group(1).endswith("/") else ""
        counts[style] = counts.get(style, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else ""


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
