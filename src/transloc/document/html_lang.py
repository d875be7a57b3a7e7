"""``lang`` attributes in a partly translated page, so screen readers and search engines read each
part in its language: elements the source marks as German (``<p lang="de">``) name the target
language once their content is translated; text that fell back to German is marked ``lang="de"``
(the block element when the whole block fell back, else a ``<span>``).
"""

from __future__ import annotations

from collections.abc import Iterable

from bs4 import BeautifulSoup, Tag
from bs4.element import PageElement

from .html_extract import AttrHandle, TextHandle
from .html_rules import is_text
from .model import Block

LANG_ATTRS = ("lang", "xml:lang")


def primary(lang: str) -> str:
    return lang.strip().replace("_", "-").split("-")[0].lower()


def page_lang(soup: BeautifulSoup, source: str) -> str | None:
    """The page's own ``<html lang>`` when it names the source language (``de-DE``): an edition with
    nothing translated keeps it as written."""
    root = soup.find("html")
    value = root.get("lang") if isinstance(root, Tag) else None
    return value if isinstance(value, str) and primary(value) == primary(source) else None


def anchors(blocks: list[Block], indexes: Iterable[int]) -> list[Tag]:
    """The live element each block sits in, taken before the writer replaces the block's nodes."""
    out: list[Tag] = []
    for index in indexes:
        handle = blocks[index].handle
        if isinstance(handle, TextHandle) and handle.nodes and isinstance(handle.nodes[0].parent, Tag):
            out.append(handle.nodes[0].parent)
        elif isinstance(handle, AttrHandle):
            out.append(handle.element)
    return out


def relabel(translated: Iterable[Tag], source: str, target: str) -> None:
    """Every element around translated content whose ``lang`` names the source language names the target.

    ``<html>`` is left to the writer (it always names the edition's language).
    """
    done: set[int] = set()
    for element in translated:
        node: Tag | None = element
        while node is not None and node.name not in ("html", "[document]") and id(node) not in done:
            done.add(id(node))
            for attr in LANG_ATTRS:
                value = node.get(attr)
                if isinstance(value, str) and primary(value) == primary(source):
                    node[attr] = target
            node = node.parent


def effective_lang(node: PageElement) -> str | None:
    """The language a reader assumes at ``node``: the nearest ``lang`` (or ``xml:lang``) around it."""
    current: PageElement | None = node
    while current is not None:
        if isinstance(current, Tag):
            for attr in LANG_ATTRS:
                value = current.get(attr)
                if isinstance(value, str) and value.strip():
                    return value
        current = current.parent
    return None


_TEXT_IN_ATTRIBUTES = frozenset(("img", "area", "input"))
"""Elements whose only text is their attributes (alt, value): ``lang`` on them marks exactly that text."""


def mark_blocks(
    soup: BeautifulSoup, blocks: list[Block], indexes: Iterable[int], lang: str, translated: Iterable[int] = ()
) -> None:
    """Mark text blocks kept whole in the source language: their element when the block is all of it,
    else a ``<span lang>`` around the block's nodes. Blocks already read as ``lang`` stay as they are.

    An attribute value is marked through its element only where that element has no other text (``<img
    alt>``) and none of its attributes was translated; elsewhere (``title`` on a paragraph, ``<meta>``) an
    attribute cannot carry a language of its own."""
    handles = [blocks[i].handle for i in translated]
    done_attrs = {id(handle.element) for handle in handles if isinstance(handle, AttrHandle)}
    for index in sorted(indexes):
        handle = blocks[index].handle
        if isinstance(handle, AttrHandle):
            element = handle.element
            if element.name in _TEXT_IN_ATTRIBUTES and id(element) not in done_attrs:
                current = effective_lang(element)
                if current is None or primary(current) != primary(lang):
                    element["lang"] = lang
            continue
        if not isinstance(handle, TextHandle) or not handle.nodes:
            continue
        parent = handle.nodes[0].parent
        if not isinstance(parent, Tag):
            continue
        current = effective_lang(parent)
        if current is not None and primary(current) == primary(lang):
            continue
        run = {id(node) for node in handle.nodes}
        rest = [n for n in parent.contents if id(n) not in run and _counts(n)]
        if not rest and parent.name not in ("html", "body", "[document]"):
            parent["lang"] = lang
            continue
        span = soup.new_tag("span", attrs={"lang": lang})
        parent.insert(parent.index(handle.nodes[0]), span)
        for node in handle.nodes:
            span.append(node.extract())


def _counts(node: PageElement) -> bool:
    """Whether a sibling would be mislabelled by a ``lang`` on the parent (an element or visible text)."""
    if isinstance(node, Tag):
        return True
    return is_text(node) and bool(str(node).strip())
