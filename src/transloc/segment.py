"""Sentences inside blocks: the unit of translation (one PO entry each).

Sentence boundaries come from SoMaJo, the only splitter measured here with no false splits on
German news (abbreviations, ordinals, dates, times, domain names). It runs on the block's text
with the placeholders removed; boundaries are then mapped back so that a sentence is never cut
inside an inline element: a boundary that would leave ``<1>`` open is dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Any

from . import placeholders

LONG_SEGMENT = 300
"""Characters beyond which sentences are split even inside an inline element."""
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_WORDLIKE = re.compile(r"[^\W_]")
# Bullets and separators standing apart at a sentence's edge are layout, not text to translate.
_JUNK_CHARS = "•·|*#►▶→–—-"
_EDGE_JUNK_START = re.compile(rf"(?:[{re.escape(_JUNK_CHARS)}]+\s+)+")
_EDGE_JUNK_END = re.compile(rf"(?:\s+[{re.escape(_JUNK_CHARS)}]+)+$")
_WORD_OR_TOKEN = re.compile(placeholders.TOKEN.pattern + r"|([^\W_])")
"""A placeholder (groups 1-3), else a letter or digit (group 4), as :data:`_WORDLIKE` finds them."""


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
    """Sentence spans of plain ``text`` (no placeholders).

    SoMaJo's time grows faster than its input (a 600 KB paragraph took 10 s, 300 KB 4 s), so long
    text is read in windows of about CHUNK characters: the last sentence of a window, which the
    window's end may have cut, is read again at the start of the next one, so every boundary is
    SoMaJo's own, decided with the sentence that follows in view. A window with no sentence end in
    it continues into the next. Text with nothing that can end a sentence skips SoMaJo altogether.
    """
    if not text.strip():
        return []
    spans: list[tuple[int, int]] = []
    pos, size = 0, len(text)
    continues = False  # the first sentence found next continues the last span
    while pos < size:
        end = size if size - pos <= CHUNK else _window_end(text, pos)
        found = _sentences(text, pos, end)
        if end < size and len(found) > 1:
            follow, follow_continues = found.pop()[0], False
        else:
            follow, follow_continues = end, end < size and bool(found)
        if continues and spans and found:
            spans[-1] = (spans[-1][0], found.pop(0)[1])
        spans.extend(found)
        pos, continues = follow, follow_continues
    return [part for start, end in spans for part in _split_after_quotes(text, start, end)]


CHUNK = 4000
"""Characters SoMaJo reads at once (see :func:`sentence_spans`)."""
_TERMINAL = re.compile(r"[.!?…]")


def _window_end(text: str, start: int) -> int:
    """A window end between two words, in the second half of the window if there is a gap there."""
    limit = start + CHUNK
    gap = max(text.rfind(" ", start + CHUNK // 2, limit), text.rfind("\n", start + CHUNK // 2, limit))
    return gap + 1 if gap > 0 else limit


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    piece = text[start:end]
    if _one_sentence(piece):  # SoMaJo would return the piece, slowly (and is not even loaded)
        stripped = piece.strip()
        return [(start + piece.index(stripped[0]), start + len(piece.rstrip()))] if stripped else []
    return [
        (start + sentence[0].character_offset[0], start + sentence[-1].character_offset[1])
        for sentence in _tokenizer().tokenize_text([piece])
    ]


def _one_sentence(piece: str) -> bool:
    """Whether SoMaJo would read ``piece`` as one sentence, from its first visible character to its last:
    nothing can end a sentence in it (no final punctuation), or one mark only, as its last visible
    character, with a letter, digit or quotation mark first (SoMaJo skips some invisible characters, such
    as U+200B, at a sentence's start). A paragraph of one long sentence — 100,000 inline elements and a
    full stop — then needs no SoMaJo at all; tests/test_text_fast.py checks this against SoMaJo."""
    first = _TERMINAL.search(piece)
    if first is None:
        return True  # (SoMaJo is not asked even where it would skip an invisible first character)
    stripped = piece.strip()
    return first.end() == len(piece.rstrip()) and (stripped[0].isalnum() or stripped[0] in _SAFE_START)


_SAFE_START = "„“\"'(«»‚‘–-"


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


class _Plain:
    """The block text without placeholders, and the way back from a plain position to the block text.

    Built from the regex's split at C speed, no Token objects, and positions mapped back by bisection
    over the placeholders' plain positions (a list of every plain character's index, built a character
    at a time, took a second for 100,000 inline elements; the tokens half a second more)."""

    def __init__(self, text: str) -> None:
        pieces, marks = placeholders.split(text)
        self.text = "".join(pieces)
        self.starts: list[int] = list(accumulate(map(len, pieces[:-1])))
        """Each placeholder's position in the plain text (where it was taken out)."""
        self.removed: list[int] = [0, *accumulate(map(len, marks))]
        """Characters taken out before a plain position: ``removed[k]`` for the first k placeholders."""

    def index(self, plain_pos: int) -> int:
        """Where the plain character at ``plain_pos`` stands in the block text."""
        return plain_pos + self.removed[bisect_right(self.starts, plain_pos)]


@lru_cache(maxsize=8192)
def _split_block(text: str) -> tuple[Segment, ...]:
    plain = _Plain(text)
    spans = sentence_spans(plain.text)
    if not spans:
        return ()
    # Cut points in ``text``: after each sentence but the last, keeping closing/void placeholders
    # that touch the sentence end with that sentence. A cut inside an inline element (a link or a
    # bold span running over a full stop) is used only where the sentences would otherwise merge
    # into an overlong segment: the element is then closed and reopened around the cut.
    clean: list[int] = []
    inside: list[int] = []
    open_at = _OpenStack(text)
    for (_, end), _next in zip(spans, spans[1:], strict=False):
        cut = plain.index(end - 1) + 1
        while True:
            m = placeholders.TOKEN.match(text, cut)
            if m and (m.group(1) or m.group(3)):
                cut = m.end()
            else:
                break
        (inside if open_at(cut) else clean).append(cut)
    cuts: list[int] = []
    edges = [0, *clean, len(text)]
    for start, end in zip(edges, edges[1:], strict=False):
        if end - start > LONG_SEGMENT:
            cuts.extend(c for c in inside if start < c < end)
        if end < len(text):
            cuts.append(end)
    bounds = [0, *sorted(cuts), len(text)]
    segments = []
    open_at = _OpenStack(text)
    for start, end in zip(bounds, bounds[1:], strict=False):
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        s, e = start + lead, end - trail
        junk = _EDGE_JUNK_START.match(text, s, e)
        if junk and junk.end() < e:
            s = junk.end()
        e = _before_end_junk(text, s, e)
        raw = text[s:e]
        if not _has_word(raw):
            continue
        reopened = "".join(f"<{n}>" for n in open_at(s))
        unclosed = "".join(f"</{n}>" for n in reversed(open_at(e)))
        balanced = reopened + raw + unclosed
        msgid, mapping = placeholders.renumber(normalise_space(balanced))
        segments.append(Segment(msgid, s, e, mapping, balanced if balanced != raw else None))
    return tuple(segments)


def _before_end_junk(text: str, start: int, end: int) -> int:
    """``end``, or where separators standing apart at the end of ``text[start:end]`` begin.

    Only the trailing run of spaces and separator characters is searched: a search of the whole span
    tried the pattern at every space of it (100,000 inline elements)."""
    tail = end
    while tail > start and (text[tail - 1].isspace() or text[tail - 1] in _JUNK_CHARS):
        tail -= 1
    junk = _EDGE_JUNK_END.search(text, tail, end)
    return junk.start() if junk and junk.start() > start else end


def _has_word(text: str) -> bool:
    """Whether ``text`` has a letter or digit outside placeholders, read up to the first one (the
    placeholders are not cut out of a copy of the whole text first)."""
    return any(m.group(4) for m in _WORD_OR_TOKEN.finditer(text))


class _OpenStack:
    """Paired placeholders opened before a position and not yet closed, outermost first.

    Positions are asked in non-decreasing order and answered in one pass over the placeholders
    (scanning from the start for every cut was quadratic: 100,000 inline elements), read from the
    regex's groups (building Token objects for them took longer than the pass)."""

    def __init__(self, text: str) -> None:
        self.matches = placeholders.TOKEN.finditer(text)
        self.pending = next(self.matches, None)
        self.stack: list[int] = []

    def __call__(self, pos: int) -> list[int]:
        stack, match = self.stack, self.pending
        while match is not None and match.start() < pos:
            close, digits, void = match.groups()
            if not close and not void:
                stack.append(int(digits))
            elif close and not void and stack and stack[-1] == int(digits):
                stack.pop()
            match = next(self.matches, None)
        self.pending = match
        return list(stack)


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
