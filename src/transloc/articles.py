"""Articles in: read one (the format follows the suffix, else the content) and list the messages its
catalog must hold, one per distinct sentence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .catalog import Message
from .document.model import Document
from .errors import TranslocError
from .fileio import read_text
from .segment import split_block

Hints = Callable[[str], list[str]]
"""msgid → extraction-time ``#.`` lines (``glossary: X → Y``)."""

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_SUFFIXES = {".txt", ".text"}

def load_document(path: Path) -> Document:
    """Read an article; the format follows the suffix, else the content."""
    path = Path(path)
    suffix = path.suffix.lower()
    is_html = suffix in HTML_SUFFIXES
    text = read_text(path, html=is_html or suffix not in TEXT_SUFFIXES)
    if suffix not in HTML_SUFFIXES | TEXT_SUFFIXES:
        is_html = text.lstrip()[:1] == "<"
    if is_html:
        from .document.html import read_html

        try:
            return read_html(path, text)
        except TranslocError:
            raise
        except Exception as exc:  # a parser bug must still not hide which file broke it
            raise TranslocError(f"cannot parse HTML ({type(exc).__name__}: {exc})", path) from None
    from .document.text import read_text_article

    return read_text_article(path, text)


def messages(doc: Document, hints: Hints | None = None, reference: str | None = None) -> list[Message]:
    """One message per distinct sentence, in document order, with references and block kinds.

    ``reference`` is the article's name in ``#:`` lines (relative to the catalog); its file name by default.
    """
    found: dict[str, Message] = {}
    name = doc.path.name if reference is None else reference
    for block in doc.translatable_blocks():
        for seg in split_block(block.text):
            msg = found.get(seg.msgid)
            if msg is None:
                comments = [f"block: {block.kind}"]
                if hints is not None:
                    comments += hints(seg.msgid)
                msg = found[seg.msgid] = Message(seg.msgid, comments=comments)
            elif f"block: {block.kind}" not in msg.comments:
                msg.comments.insert(0, f"block: {block.kind}")
            ref = (name, str(block.line))
            if ref not in msg.occurrences:
                msg.occurrences.append(ref)
    return list(found.values())
