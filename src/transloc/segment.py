"""Sentences inside blocks: the unit of translation (one PO entry each).

Sentence boundaries come from SoMaJo, the only splitter measured here with no false splits on
German news (abbreviations, ordinals, dates, times, domain names). It runs on the block's text
with the placeholders removed; boundaries are then mapped back so that a sentence is never cut
inside an inline element: a boundary that would leave ``<1>`` open is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import placeholders

LONG_SEGMENT = 300
"""Characters beyond which sentences are split even inside an inline element."""
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_WORDLIKE = re.compile(r"[^\W_]")
# Bullets and separators standing apart at a sentence's edge are layout, not text to translate.
_EDGE_JUNK_START = re.compile(r"(?:[•·|*#►▶→–—-]+\s+)+")
_EDGE_JUNK_END = re.compile(r"(?:\s+[•·|*#►▶→–—-]+)+$")


@dataclass(frozen=True)
class Segment:
    msgid: str
    """The sentence, whitespace-normalised, placeholders renumbered from 1."""
    start: int
    end: int
    """Span of the sentence in the block text (leading/trailing whitespace excluded)."""
    mapping: dict[int, int]
    """Segment placeholder number → block placeholder number."""
    balanced: str | None = None
    """For a sentence cut inside an inline element: its source with that element closed and
    reopened (block numbering), used in place of the raw span when it stays untranslated."""


@lru_cache(maxsize=1)
def _tokenizer() -> Any:  # Any: somajo ships no type information
    from somajo import SoMaJo

    return SoMaJo("de_CMC", split_camel_case=True, character_offsets=True)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of plain ``text`` (no placeholders)."""
    if not text.strip():
        return []
    spans = []
    for sentence in _tokenizer().tokenize_text([text]):
        start = sentence[0].character_offset[0]
        end = sentence[-1].character_offset[1]
        spans.extend(_split_after_quotes(text, start, end))
    return spans


# A closing straight quote after a sentence end, then a capitalised word: ``sagte: "Das war's." Die``.
# SoMaJo misses it when the quotation holds an apostrophe (it pairs the ' with the "), and German
# newsroom exports use straight quotes as quotation marks throughout.
_QUOTE_END = re.compile(r'[.!?…]"(?=\s+[A-ZÄÖÜ])')


def _split_after_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for match in _QUOTE_END.finditer(text, start, end):
        if text.count('"', start, match.end()) % 2 == 0:  # this quote closes one opened in the span
            spans.append((start, match.end()))
            start = match.end() + len(text[match.end() : end]) - len(text[match.end() : end].lstrip())
    spans.append((start, end))
    return spans


def normalise_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def split_block(text: str) -> list[Segment]:
    """Split a block's text (with placeholders) into sentence segments worth translating.

    Spans without a letter or digit (bullets, separators) are not segments: the build keeps them.
    Cached: ``translate`` splits every block at extraction and again at build.
    """
    return list(_split_block(text))


@lru_cache(maxsize=8192)
def _split_block(text: str) -> tuple[Segment, ...]:
    toks = placeholders.tokens(text)
    # Plain text and, for each plain character, its index in ``text``.
    plain_chars: list[str] = []
    index: list[int] = []
    pos = 0
    for tok in [*toks, None]:
        stop = tok.start if tok else len(text)
        for i in range(pos, stop):
            plain_chars.append(text[i])
            index.append(i)
        if tok:
            pos = tok.end
    plain = "".join(plain_chars)
    spans = sentence_spans(plain)
    if not spans:
        return ()
    # Cut points in ``text``: after each sentence but the last, keeping closing/void placeholders
    # that touch the sentence end with that sentence. A cut inside an inline element (a link or a
    # bold span running over a full stop) is used only where the sentences would otherwise merge
    # into an overlong segment: the element is then closed and reopened around the cut.
    clean: list[int] = []
    inside: list[int] = []
    for (_, end), _next in zip(spans, spans[1:], strict=False):
        cut = index[end - 1] + 1
        while True:
            m = placeholders.TOKEN.match(text, cut)
            if m and (m.group(1) or m.group(3)):
                cut = m.end()
            else:
                break
        (inside if _open_stack(toks, cut) else clean).append(cut)
    cuts: list[int] = []
    edges = [0, *clean, len(text)]
    for start, end in zip(edges, edges[1:], strict=False):
        if end - start > LONG_SEGMENT:
            cuts.extend(c for c in inside if start < c < end)
        if end < len(text):
            cuts.append(end)
    bounds = [0, *sorted(cuts), len(text)]
    segments = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        s, e = start + lead, end - trail
        junk = _EDGE_JUNK_START.match(text, s, e)
        if junk and junk.end() < e:
            s = junk.end()
        junk = _EDGE_JUNK_END.search(text[s:e])
        if junk and junk.start() > 0:
            e = s + junk.start()
        raw = text[s:e]
        if not _WORDLIKE.search(placeholders.strip(raw)):
            continue
        reopened = "".join(f"<{n}>" for n in _open_stack(toks, s))
        unclosed = "".join(f"</{n}>" for n in reversed(_open_stack(toks, e)))
        balanced = reopened + raw + unclosed
        msgid, mapping = placeholders.renumber(normalise_space(balanced))
        segments.append(Segment(msgid, s, e, mapping, balanced if balanced != raw else None))
    return tuple(segments)


def _open_stack(toks: list[placeholders.Token], pos: int) -> list[int]:
    """Paired placeholders opened before ``pos`` and not yet closed, outermost first."""
    stack: list[int] = []
    for tok in toks:
        if tok.start >= pos:
            break
        if tok.kind == "open":
            stack.append(tok.number)
        elif tok.kind == "close" and stack and stack[-1] == tok.number:
            stack.pop()
    return stack


def reassemble(
    text: str, segments: list[Segment], translations: list[str | None], keep: tuple[str, str] = ("", "")
) -> str:
    """Block text with each translated segment's span replaced; everything else kept verbatim.

    ``keep`` wraps each untranslated segment (the build marks source-language text with it).
    """
    out: list[str] = []
    pos = 0
    previous_end = -1
    for seg, translated in zip(segments, translations, strict=True):
        if translated is None:
            if seg.balanced is not None or keep[0]:  # keep the block well nested around translated neighbours
                out.append(text[pos : seg.start])
                out.append(keep[0] + (seg.balanced or text[seg.start : seg.end]) + keep[1])
                pos = seg.end
            continue
        out.append(text[pos : seg.start])
        if seg.start == previous_end and out and out[-1] == "":
            out.append(" ")  # the source ran two sentences together ("Alarm.Nach"); the edition does not
        out.append(placeholders.apply_mapping(translated, seg.mapping))
        pos = previous_end = seg.end
    out.append(text[pos:])
    return "".join(out)
