"""How a browser reads a page: html5lib (the WHATWG parsing algorithm), independent of the code under test."""

from __future__ import annotations

import html5lib

from transloc.placeholders import TOKEN

_HIDDEN = frozenset(("script", "style", "template", "noscript"))


def _tree(html: str):  # -> xml.etree.ElementTree.Element
    return html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)


def elements(html: str, *, ignore_lang: bool = True) -> list[tuple[str, dict[str, str]]]:
    """(name, attributes) of every element in document order; ``<html lang>`` left out (the build sets it)."""
    out = []
    for node in _tree(html).iter():
        if not isinstance(node.tag, str):
            continue  # comments
        attrs = dict(node.attrib)
        if ignore_lang and node.tag == "html":
            attrs.pop("lang", None)
            attrs.pop("xml:lang", None)
        out.append((node.tag, attrs))
    return out


def texts(html: str) -> list[str]:
    """Every text node a reader can see, in document order (whitespace-only ones left out)."""
    out: list[str] = []

    def walk(node, hidden: bool) -> None:
        hidden = hidden or node.tag in _HIDDEN
        if isinstance(node.tag, str) and node.text and not hidden and node.text.strip():
            out.append(node.text)
        for child in node:
            walk(child, hidden)
            if child.tail and not hidden and child.tail.strip():
                out.append(child.tail)

    walk(_tree(html), False)
    return out


def visible_text(html: str) -> str:
    return " ".join(" ".join(texts(html)).split())


def upper_outside_placeholders(text: str) -> str:
    """A stand-in translation that changes every letter a reader sees and keeps the markup tokens."""
    pos, out = 0, []
    for match in TOKEN.finditer(text):
        out.append(text[pos : match.start()].upper() + match.group(0))
        pos = match.end()
    return "".join(out) + text[pos:].upper()
