"""The placeholder hook: inline markup and protected spans survive any engine.

It runs closest to the engine. Engines that keep placeholders (``keeps_placeholders = True``) see
them as they are; others get plain sentences, with protected void placeholders (glossary terms,
dates) shown as their display text. Afterwards every placeholder of the source is put back, well
nested: found by its text where possible, else at its relative position, with a review note, so
the reviewer knows which markup positions were guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .. import placeholders
from ..errors import PlaceholderError
from .base import Draft, Engine

_SPACES = re.compile(r"[ ]{2,}")


@dataclass
class _Saved:
    text: str
    """The text as it was before MT, with placeholders."""

    @cached_property
    def relative(self) -> dict[str, float]:
        """Rendered token → its relative position (0–1) in the text without placeholders. Computed only
        when a placeholder must be placed by position (most drafts keep theirs: 100,000 inline elements
        took 0.8 s per sentence to table)."""
        toks = placeholders.tokens(self.text)
        plain_len = max(1, len(placeholders.strip(self.text)))
        relative: dict[str, float] = {}
        consumed = 0
        for tok in toks:
            relative[tok.markup] = (tok.start - consumed) / plain_len
            consumed += tok.end - tok.start
        return relative


class TagHook:
    name = "tags"

    def __init__(self, engine: Engine) -> None:
        self.keeps = bool(getattr(engine, "keeps_placeholders", False))

    def before(self, draft: Draft) -> None:
        draft.state[self.name] = _Saved(draft.text)
        if self.keeps or not placeholders.has_tokens(draft.text):
            return

        def show(m: re.Match[str]) -> str:
            number = int(m.group(2))
            if m.group(3) and draft.protected.get(number):
                return draft.protected[number]
            return ""

        draft.text = _SPACES.sub(" ", placeholders.TOKEN.sub(show, draft.text)).strip()

    def after(self, draft: Draft) -> None:
        saved = draft.stored(self.name, _Saved)
        if saved is None:
            return  # ``before`` did not run on this draft
        out = draft.text
        if self.keeps and placeholders.compare(saved.text, out) is None:
            return  # before tokens(): compare builds no Token objects
        want = placeholders.tokens(saved.text)
        if not want:
            if placeholders.tokens(draft.text):
                draft.text = placeholders.strip(draft.text)
            return
        guessed: list[str] = []
        known = {t.markup for t in want}
        # Keep placeholders the engine returned intact (once each); drop strays.
        seen: set[str] = set()

        def keep(m: re.Match[str]) -> str:
            token = m.group(0)
            if token in known and token not in seen:
                seen.add(token)
                return token
            return ""

        out = placeholders.TOKEN.sub(keep, out)
        for tok in want:
            token = tok.markup
            if token in seen:
                continue
            display = draft.protected.get(tok.number) if tok.kind == "void" else None
            if display:
                index = out.find(display)
                if index < 0:
                    index = out.lower().find(display.lower())
                if index >= 0:
                    out = out[:index] + token + out[index + len(display) :]
                    seen.add(token)
                    continue
            guessed.append(token)
        out, guessed = _wrap_by_text(saved.text, out, guessed, draft.protected)
        if guessed:
            out = _insert_by_position(out, guessed, saved.relative)
        try:
            placeholders.validate(out)
        except PlaceholderError:
            # Text matches and guesses crossed: fall back to positions for every token.
            out = _insert_by_position(placeholders.strip(out), [t.markup for t in want], saved.relative)
            guessed = [t.markup for t in want]
        draft.text = out
        terms = [_protected_number(t, draft.protected) for t in guessed]
        shown = [t for t, number in zip(guessed, terms, strict=True) if number is None]
        if shown:
            draft.review.append("markup placed by position, check: " + " ".join(shown))
        for number in terms:
            if number is not None:
                draft.flag_placed(number)
        problem = placeholders.compare(saved.text, draft.text)
        if problem:
            draft.review.append(f"placeholders: {problem}")


def _protected_number(token: str, protected: dict[int, str]) -> int | None:
    """The number of a protected void placeholder with display text (``<101/>`` → 101), else None."""
    if not token.endswith("/>"):
        return None
    number = int(token[1:-2])
    return number if protected.get(number) else None


def _wrap_by_text(source: str, out: str, missing: list[str], protected: dict[int, str]) -> tuple[str, list[str]]:
    """Put a missing pair ``<n>…</n>`` around its inner text where the output has that text once (names often
    pass through MT unchanged)."""
    toks = placeholders.tokens(source)
    still = list(missing)
    for tok in toks:
        open_token, close_token = f"<{tok.number}>", f"</{tok.number}>"
        if tok.kind != "open" or open_token not in still or close_token not in still:
            continue
        close = next(t for t in toks if t.kind == "close" and t.number == tok.number)
        inner = source[tok.end : close.start]

        def show(m: re.Match[str]) -> str:
            return protected.get(int(m.group(2)), "") if m.group(3) else ""

        needle = placeholders.TOKEN.sub(show, inner).strip()
        if len(needle) < 2 or placeholders.strip(out).count(needle) != 1 or out.count(needle) != 1:
            continue
        index = out.find(needle)
        out = out[:index] + open_token + needle + close_token + out[index + len(needle) :]
        still.remove(open_token)
        still.remove(close_token)
    return out, still


def _insert_by_position(text: str, tokens: list[str], relative: dict[str, float]) -> str:
    """Insert tokens at their relative source positions, snapped to word boundaries, order kept."""
    plain_len = len(text)
    anchors: list[tuple[int, int, str]] = []
    last = 0
    for order, token in enumerate(tokens):
        pos = _snap(text, round(relative.get(token, 1.0) * plain_len), closing=token.startswith("</"))
        pos = max(pos, last)
        last = pos
        anchors.append((pos, order, token))
    out = text
    for pos, _, token in sorted(anchors, key=lambda a: (a[0], a[1]), reverse=True):
        piece = token
        if token.endswith("/>"):  # a void stands for a word: keep it apart from its neighbours
            if pos > 0 and out[pos - 1].isalnum():
                piece = " " + piece
            if pos < len(out) and out[pos].isalnum():
                piece = piece + " "
        out = out[:pos] + piece + out[pos:]
    return out


def _snap(text: str, pos: int, *, closing: bool) -> int:
    """Move ``pos`` to the nearest word boundary (before a word for openers, after for closers),
    never inside a placeholder already in the text."""
    result = _word_boundary(text, pos, closing=closing)
    for m in placeholders.TOKEN.finditer(text):
        if m.start() < result < m.end():
            return m.end()
    return result


def _word_boundary(text: str, pos: int, *, closing: bool) -> int:
    pos = min(max(pos, 0), len(text))
    if pos in (0, len(text)) or text[pos - 1].isspace() or text[pos].isspace():
        return pos
    left = text.rfind(" ", 0, pos)
    right = text.find(" ", pos)
    left = 0 if left < 0 else left + 1
    right = len(text) if right < 0 else right
    if closing:
        # closers hug the end of a word, before trailing punctuation
        end = right
        while end > left and not text[end - 1].isalnum():
            end -= 1
        return end if end > left else right
    return left if pos - left <= right - pos else right + (1 if right < len(text) else 0)
