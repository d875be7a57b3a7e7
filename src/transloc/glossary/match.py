"""Inflection-aware glossary matching for German text.

Each word is reduced to a small set of keys — its case-folded form, its simplemma lemma, genitive
stems (word minus ``s``/``es``/``ns``) and, in a separate namespace, adjective stems for the
modifier positions of multi-word terms (``Weißes Haus`` / ``des Weißen Hauses``). A term matches
when each of its tokens shares a key with the text token at that position. Terms are indexed by
the keys of their first token, so matching costs a few dict look-ups per word whatever the size of
the glossary.

Only whole tokens match: ``Rat`` never hits ``Ratschläge``, ``Ukraine`` never ``Ukrainer``; parts of
hyphenated compounds are tokens of their own (``Kreml-Tyrannen``, ``US-Geheimdienst``). Inline
placeholders (``<1>``, ``</1>``, ``<2/>``) are barriers a term never spans.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Term

_TOKEN = re.compile(r"</?\d+/?>|[^\W_]+|[^\w\s]|_")
_GENITIVE = ("ns", "es", "s")
_ADJECTIVE = ("em", "en", "er", "es", "e")
_ARTICLES = frozenset({"des", "eines", "der", "die", "das", "dem", "den", "ein", "einer", "einem"})


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    text: str
    space_before: bool
    barrier: bool


@dataclass(frozen=True)
class _TermTok:
    text: str
    keys: frozenset[str]
    space_before: bool
    capital: bool


@dataclass(frozen=True)
class Match:
    term: Term
    start: int
    end: int
    """Character span of the occurrence in the matched text."""
    surface: str
    """The occurrence as written (``Putins``, ``Kreml``, ``Weißen Hauses``)."""
    genitive: bool
    """The last word carries a genitive ``-s`` the glossary form lacks."""
    possessive: bool
    """A prenominal genitive (``Putins Pläne``): English renders it ``Putin's``."""


def tokenize(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    prev_end = 0
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        out.append(_Tok(m.start(), m.end(), tok, m.start() > prev_end, tok[0] == "<" and len(tok) > 1))
        prev_end = m.end()
    return out


class _Lemmas:
    """simplemma lemmas, cached per distinct word (a news text repeats most of its words)."""

    def __init__(self) -> None:
        import simplemma

        self._lemmatize = simplemma.lemmatize
        self._cache: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        lemma = self._cache.get(word)
        if lemma is None:
            try:
                lemma = self._lemmatize(word, lang="de")
            except Exception:  # simplemma refuses odd input; the surface form is the fallback
                lemma = word
            self._cache[word] = lemma
        return lemma


def _stems(word: str, suffixes: Sequence[str], minimum: int) -> list[str]:
    return [word[: -len(s)] for s in suffixes if word.endswith(s) and len(word) - len(s) >= minimum]


class Matcher:
    """Finds glossary terms in German text through an index of first-token keys."""

    def __init__(self, terms: Sequence[Term]) -> None:
        self.lemma = _Lemmas()
        self.terms = list(terms)
        self._patterns: list[tuple[Term, tuple[_TermTok, ...]]] = []
        self._index: dict[str, list[int]] = {}
        self._text_keys: dict[str, frozenset[str]] = {}
        for term in self.terms:
            toks = [t for t in tokenize(term.source) if not t.barrier]
            if not toks:
                continue
            pattern = tuple(self._term_tok(t, i < len(toks) - 1) for i, t in enumerate(toks))
            number = len(self._patterns)
            self._patterns.append((term, pattern))
            for key in pattern[0].keys:
                self._index.setdefault(key, []).append(number)

    def _term_tok(self, tok: _Tok, modifier: bool) -> _TermTok:
        word = tok.text
        folded = word.casefold()
        keys = {folded}
        if word[0].isalpha():
            keys.add(self.lemma(word).casefold())
        if modifier:
            keys.add("~" + folded)
            keys.update("~" + s for s in _stems(folded, _ADJECTIVE, 3))
        return _TermTok(word, frozenset(keys), tok.space_before, word[0].isupper())

    def keys(self, word: str) -> frozenset[str]:
        """Keys of a text word: surface, lemma, genitive stems, ``~`` adjective stems."""
        keys = self._text_keys.get(word)
        if keys is None:
            folded = word.casefold()
            found = {folded}
            if word[0].isalpha():
                found.add(self.lemma(word).casefold())
                found.update(_stems(folded, _GENITIVE, 2))
                found.add("~" + folded)
                found.update("~" + s for s in _stems(folded, _ADJECTIVE, 3))
            keys = self._text_keys[word] = frozenset(found)
        return keys

    def find(self, text: str) -> list[Match]:
        toks = tokenize(text)
        out: list[Match] = []
        i = 0
        count = len(toks)
        while i < count:
            tok = toks[i]
            if tok.barrier:
                i += 1
                continue
            keys = self.keys(tok.text)
            best: tuple[int, int, int] | None = None  # (tokens, chars, -pattern number)
            for key in keys:
                for number in self._index.get(key, ()):
                    term, pattern = self._patterns[number]
                    size = len(pattern)
                    if i + size > count or not self._fits(pattern, toks, i, keys, term.dnt):
                        continue
                    rank = (size, toks[i + size - 1].end - tok.start, -number)
                    if best is None or rank > best:
                        best = rank
            if best is None:
                i += 1
                continue
            size, number = best[0], -best[2]
            out.append(self._match(self._patterns[number], toks, i, text))
            i += size
        return out

    def _fits(
        self, pattern: tuple[_TermTok, ...], toks: list[_Tok], i: int, first_keys: frozenset[str], dnt: bool
    ) -> bool:
        for j, want in enumerate(pattern):
            tok = toks[i + j]
            if tok.barrier:
                return False
            if j and tok.space_before != want.space_before:
                return False
            # German capitalises nouns: a capitalised term never matches a lower-case word ("Rat" / "rat").
            if want.capital and not dnt and tok.text[0].islower():
                return False
            keys = first_keys if j == 0 else self.keys(tok.text)
            if want.keys.isdisjoint(keys):
                return False
        return True

    def _match(self, entry: tuple[Term, tuple[_TermTok, ...]], toks: list[_Tok], i: int, text: str) -> Match:
        term, pattern = entry
        last = toks[i + len(pattern) - 1]
        want = pattern[-1].text.casefold()
        got = last.text.casefold()
        genitive = got != want and any(got == want + s for s in _GENITIVE)
        possessive = False
        if genitive:
            after = next((t for t in toks[i + len(pattern) :] if not t.barrier), None)
            before = next((t for t in reversed(toks[:i]) if not t.barrier), None)
            possessive = (
                after is not None
                and after.text[0].isupper()
                and after.space_before
                and (before is None or before.text.casefold() not in _ARTICLES)
            )
        start, end = toks[i].start, last.end
        return Match(term, start, end, text[start:end], genitive, possessive)
