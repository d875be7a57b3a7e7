"""The document model shared by every reader and writer.

A :class:`Document` is an ordered list of :class:`Block` s: units of layout (a headline, a
paragraph, a caption, an attribute value). Block text carries inline markup as numbered
placeholders (``<1>…</1>``, ``<2/>``) so nothing downstream ever sees HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Block:
    kind: str
    """What the block is: ``headline``, ``kicker``, ``paragraph``, ``subhead``, ``caption``,
    ``credit``, ``title``, ``attr:alt``, ``meta:description`` …; written to PO files as ``#. block:``."""
    text: str
    """Source text; inline elements as numbered placeholders, numbered from 1 within the block."""
    line: int
    """1-based line of the block in the source file, for ``#:`` references and diagnostics."""
    translatable: bool = True
    """False for content kept verbatim (photo credits, byline codes): never extracted."""
    handle: object = field(default=None, repr=False, compare=False)
    """Reader-private reference (e.g. the HTML nodes) used by the matching writer."""


KEEP = ("<0>", "</0>")
"""Wraps source-language text inside a partly translated block. Block placeholders are numbered from
1 and source text that looks like a placeholder hides behind one, so ``<0>`` never comes from a page."""


@dataclass
class Fallback:
    """Source-language text in an edition that is otherwise translated: writers mark it with ``lang``."""

    lang: str
    """The source language (``de``)."""
    blocks: set[int] = field(default_factory=set)
    """Blocks kept whole in the source language: the block element gets ``lang``."""
    spans: dict[int, str] = field(default_factory=dict)
    """Partly translated blocks: block text with each source-language sentence inside :data:`KEEP`."""


@dataclass
class Document:
    path: Path
    format: str
    """``html`` or ``text``: selects the writer."""
    blocks: list[Block]
    source: str = field(default="", repr=False)
    """The decoded source text."""
    tree: object = field(default=None, repr=False, compare=False)
    """Reader-private parsed form (the BeautifulSoup tree for HTML); the first HTML build uses it up."""
    newline: str = "\n"
    """The source's line ending (``\r\n`` for Windows exports), which text outputs keep."""
    counts: tuple[int, int] | None = field(default=None, repr=False, compare=False)
    """Reader-private coverage figures, kept when a build uses the tree up."""

    @property
    def stem(self) -> str:
        return self.path.stem

    def translatable_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.translatable and b.text.strip()]
