"""Plain-text article exports (as newsrooms export them from their CMS) → typed blocks, and back.

The export has no markup, so block types come from layout and wording: blank-line separated
paragraphs; a one-word rubric first, then the headline; a caption ending in a photo credit
("Bild: …"); a share widget line; short unpunctuated subheads; the "Lesen Sie auch:" teaser; the
social-media line; a byline code (``/fka/news.de/dpa``) and a trailing topics label ("Themen").
Credits and byline codes are kept verbatim, never translated.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from ..fileio import read_text as _read_source
from .model import KEEP, Block, Document, Fallback

_PARAGRAPH = re.compile(r"\S(?:.*\S)?(?:\n[ \t\xa0]*\S.*)*")
_CREDIT = re.compile(r"\s+((?:Bild|Foto|Fotos|Quelle|Grafik|Video)\s*:\s*\S.*)$", re.S)
_BYLINE = re.compile(r"^/?[\w.-]+(?:/[\w.-]+)+/?$")
_SHARE = re.compile(r"^[\W_]*(Artikel|Beitrag|Seite)\s+(teilen|versenden|drucken)\s*:?\s*$", re.I)
_TEASER = re.compile(r"^(Lesen Sie auch|Auch interessant|Mehr zum Thema|Lesen Sie mehr)\s*:", re.I)
_SOCIAL = re.compile(r"\b(Facebook|Twitter|Instagram|YouTube|Pinterest|WhatsApp|Telegram|TikTok)\b")
_LABELS = {"themen", "schlagworte", "tags", "mehr zum thema"}


@dataclass(frozen=True)
class Span:
    """Where a block's text sits in the source, so the text writer can keep the input's layout."""

    start: int
    end: int


def read_text_article(path: Path, text: str | None = None) -> Document:
    source = _read_source(path) if text is None else text
    newline = "\r\n" if "\r\n" in source else "\r" if "\r" in source else "\n"
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(source)]
    blocks: list[Block] = []
    for number, (start, end) in enumerate(paragraphs):
        chunk = source[start:end]
        line = source.count("\n", 0, start) + 1
        first, last = number == 0, number == len(paragraphs) - 1
        blocks.extend(_classify(chunk, start, line, first, last, headline_expected=_headline_next(blocks)))
    return Document(path=Path(path), format="text", blocks=blocks, source=source, newline=newline)


def _headline_next(blocks: list[Block]) -> bool:
    return not any(b.kind == "headline" for b in blocks) and all(b.kind == "kicker" for b in blocks)


def _classify(chunk: str, start: int, line: int, first: bool, last: bool, headline_expected: bool) -> list[Block]:
    stripped = chunk.strip()
    one_line = "\n" not in stripped
    words = stripped.split()

    def block(kind: str, text: str, offset: int = 0, translatable: bool = True) -> Block:
        s = start + offset
        return Block(kind, text, line, translatable, handle=Span(s, s + len(text)))

    if _BYLINE.match(stripped) and " " not in stripped:
        return [block("byline", chunk, translatable=False)]
    if last and one_line and stripped.lower() in _LABELS:
        return [block("label", chunk)]
    if first and one_line and len(words) <= 3 and not re.search(r"[.!?:]", stripped):
        return [block("kicker", chunk)]
    credit = _CREDIT.search(chunk)
    if credit and one_line:
        caption = chunk[: credit.start()]
        return [block("caption", caption), block("credit", credit.group(1), credit.start(1), translatable=False)]
    if _SHARE.match(stripped):
        return [block("share", chunk)]
    if _TEASER.match(stripped):
        return [block("teaser", chunk)]
    if one_line and _SOCIAL.search(stripped) and re.search(r"\bFolgen Sie\b|\bfolgen\b", stripped):
        return [block("social", chunk)]
    if headline_expected and one_line:
        return [block("headline", chunk)]
    if one_line and len(stripped) <= 160 and not re.search(r"[.:;,]\W*$", stripped):
        return [block("subhead", chunk)]
    return [block("paragraph", chunk)]


def _span(doc: Document, index: int) -> Span:
    """Where block ``index`` stands in the source (what :func:`read_text_article` put in its handle)."""
    span = doc.blocks[index].handle
    if not isinstance(span, Span):
        raise TypeError(f"block {index} of {doc.path} was not read from a text export")
    return span


def write_text_article(doc: Document, translations: dict[int, str]) -> str:
    """The source file with each translated block's text swapped in place: same layout as the input."""
    out = doc.source
    for index in sorted(translations, key=lambda i: _span(doc, i).start, reverse=True):
        span = _span(doc, index)
        out = out[: span.start] + translations[index] + out[span.end :]
    return out if doc.newline == "\n" else out.replace("\n", doc.newline)


_HTML_TAGS = {
    "kicker": ('<p class="kicker">', "</p>"),
    "headline": ("<h1>", "</h1>"),
    "subhead": ("<h2>", "</h2>"),
    "paragraph": ("<p>", "</p>"),
    "share": ('<p class="share">', "</p>"),
    "teaser": ('<aside class="teaser"><p>', "</p></aside>"),
    "social": ('<p class="social">', "</p>"),
    "byline": ('<p class="byline">', "</p>"),
    "label": ('<p class="topics">', "</p>"),
}


def write_text_article_html(
    doc: Document, translations: dict[int, str], lang: str, direction: str = "ltr", marks: Fallback | None = None
) -> str:
    """Semantic HTML5 for a text export: header (kicker, h1), figure/figcaption, p, h2, aside, footer.

    With ``marks``, text kept in the source language is marked ``lang`` (the block's element, or a span).
    """
    marks = marks or Fallback("")

    def text(i: int) -> str:
        span = marks.spans.get(i)
        if span is not None and KEEP[0] not in doc.blocks[i].text and KEEP[1] not in doc.blocks[i].text:
            escaped = html.escape(" ".join(span.split()), quote=False)
            open_keep, close_keep = (html.escape(k, quote=False) for k in KEEP)
            lang_attr = html.escape(marks.lang)
            return escaped.replace(open_keep, f'<span lang="{lang_attr}">').replace(close_keep, "</span>")
        return plain(i)

    def plain(i: int) -> str:
        value = translations.get(i, doc.blocks[i].text)
        return html.escape(" ".join(value.split()), quote=False)

    def opening(tag: str, i: int) -> str:
        if i not in marks.blocks:
            return tag
        return tag.replace(">", f' lang="{html.escape(marks.lang)}">', 1)

    blocks = doc.blocks
    title = next((plain(i) for i, b in enumerate(blocks) if b.kind == "headline"), html.escape(doc.stem))
    body: list[str] = []
    header: list[str] = []
    footer: list[str] = []
    i = 0
    while i < len(blocks):
        kind = blocks[i].kind
        if kind == "caption":
            credit = ""
            if i + 1 < len(blocks) and blocks[i + 1].kind == "credit":
                credit = f' <small class="credit">{text(i + 1)}</small>'
                i += 1
            caption = i - (1 if credit else 0)
            body.append(f"<figure>{opening('<figcaption>', caption)}{text(caption)}{credit}</figcaption></figure>")
        elif kind == "credit":
            body.append(f'<p><small class="credit">{text(i)}</small></p>')
        else:
            open_tag, close_tag = _HTML_TAGS.get(kind, ("<p>", "</p>"))
            target = header if kind in {"kicker", "headline"} and not body else footer if kind in {
                "byline", "label"} else body
            target.append(f"{opening(open_tag, i)}{text(i)}{close_tag}")
        i += 1
    return _page(lang, direction, title, header, body, footer)


def _page(lang: str, direction: str, title: str, header: list[str], body: list[str], footer: list[str]) -> str:
    """The HTML5 document around an article's header, body and footer elements."""
    dir_attr = f' dir="{direction}"' if direction == "rtl" else ""
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{html.escape(lang)}"{dir_attr}>',
        '<head>\n<meta charset="utf-8">',
        f"<title>{title}</title>",
        "</head>\n<body>\n<article>",
    ]
    if header:
        parts += ["<header>", *header, "</header>"]
    parts += body
    if footer:
        parts += ["<footer>", *footer, "</footer>"]
    parts += ["</article>\n</body>\n</html>\n"]
    return "\n".join(parts)
