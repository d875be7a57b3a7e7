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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from .model import Term

_TOKEN = re.compile(r"</?\d+/?>|[^\W_]+|[^\w\s]|_")
_GENITIVE = ("ns", "es", "s")
_ADJECTIVE = ("em", "en", "er", "es", "e")
_UMLAUTS = str.maketrans("äöü", "aou")
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


def _tok(found: list[re.Match[str]], k: int) -> _Tok:
    m = found[k]
    start, end = m.span()
    word = m.group()
    space = start > (found[k - 1].end() if k else 0)
    return _Tok(start, end, word, space, word[0] == "<" and len(word) > 1)


def tokenize(text: str) -> list[_Tok]:
    found = list(_TOKEN.finditer(text))
    return [_tok(found, k) for k in range(len(found))]


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
        self._cands: dict[str, tuple[int, ...]] = {}
        self._prefixes: set[str] = set()
        for term in self.terms:
            toks = [t for t in tokenize(term.source) if not t.barrier]
            if not toks:
                continue
            pattern = tuple(self._term_tok(t, i < len(toks) - 1) for i, t in enumerate(toks))
            number = len(self._patterns)
            self._patterns.append((term, pattern))
            for key in pattern[0].keys:
                self._index.setdefault(key, []).append(number)
            self._prefixes.update(t.text.casefold().translate(_UMLAUTS)[:3] for t in pattern)

    def _term_tok(self, tok: _Tok, modifier: bool) -> _TermTok:
        word = tok.text
        folded = word.casefold()
        # The glossary writes base forms: a term token is its own lemma. (Adding its simplemma lemma would let
        # "Saudis" match "Saudi-Arabien".)
        keys = {folded}
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
                # A noun's lemma starts like the noun (Räte/Rat, Häuser/Haus): skip simplemma for words that
                # could not lemmatise to any term.
                if folded.translate(_UMLAUTS)[:3] in self._prefixes:
                    found.add(self.lemma(word).casefold())
                found.update(_stems(folded, _GENITIVE, 2))
                found.add("~" + folded)
                found.update("~" + s for s in _stems(folded, _ADJECTIVE, 3))
            keys = self._text_keys[word] = frozenset(found)
        return keys

    def _candidates(self, word: str) -> tuple[int, ...]:
        """Patterns whose first token may be ``word`` (cached: most words of a text repeat)."""
        found = self._cands.get(word)
        if found is None:
            if word[0] == "<" and len(word) > 1:
                found = ()
            else:
                found = tuple(sorted({n for key in self.keys(word) for n in self._index.get(key, ())}))
            self._cands[word] = found
        return found

    def find(self, text: str) -> list[Match]:
        found = list(_TOKEN.finditer(text))
        count = len(found)
        cache = self._cands
        out: list[Match] = []
        skip = 0
        for i, m in enumerate(found):
            if i < skip:
                continue
            cands = cache.get(m[0])
            if cands is None:
                cands = self._candidates(m[0])
            if not cands:
                continue
            keys = self.keys(m[0])
            best: tuple[int, int, int] | None = None  # (tokens, chars, -pattern number)
            for number in cands:
                term, pattern = self._patterns[number]
                size = len(pattern)
                if i + size > count or not self._fits(pattern, found, i, keys, term.dnt):
                    continue
                rank = (size, found[i + size - 1].end() - m.start(), -number)
                if best is None or rank > best:
                    best = rank
            if best is not None:
                out.append(self._match(self._patterns[-best[2]], found, i, text))
                skip = i + best[0]
        return out

    def _fits(
        self, pattern: tuple[_TermTok, ...], found: list[re.Match[str]], i: int, first_keys: frozenset[str], dnt: bool
    ) -> bool:
        for j, want in enumerate(pattern):
            word = found[i + j].group()
            if word[0] == "<" and len(word) > 1:
                return False
            if j and (found[i + j].start() > found[i + j - 1].end()) != want.space_before:
                return False
            # German capitalises nouns: a capitalised term never matches a lower-case word ("Rat" / "rat").
            if want.capital and not dnt and word[0].islower():
                return False
            keys = first_keys if j == 0 else self.keys(word)
            if want.keys.isdisjoint(keys):
                return False
        return True

    def _match(self, entry: tuple[Term, tuple[_TermTok, ...]], found: list[re.Match[str]], i: int, text: str) -> Match:
        term, pattern = entry
        last = _tok(found, i + len(pattern) - 1)
        want = pattern[-1].text.casefold()
        got = last.text.casefold()
        genitive = got != want and any(got == want + s for s in _GENITIVE)
        possessive = False
        if genitive:
            after = _neighbour(found, i + len(pattern), 1)
            before = _neighbour(found, i - 1, -1)
            possessive = (
                after is not None
                and after.text[0].isupper()
                and after.space_before
                and (before is None or before.text.casefold() not in _ARTICLES)
            )
        start, end = found[i].start(), last.end
        return Match(term, start, end, text[start:end], genitive, possessive)


def _neighbour(found: list[re.Match[str]], index: int, step: int) -> _Tok | None:
    """The nearest token from ``index`` in direction ``step`` that is not a placeholder."""
    while 0 <= index < len(found):
        tok = _tok(found, index)
        if not tok.barrier:
            return tok
        index += step
    return None


class Glossary:
    """An ordered set of terms with a lazily built match index (one per glossary, reused)."""

    def __init__(self, terms: Iterable[Term] = (), languages: Sequence[str] = ()) -> None:
        self.terms: list[Term] = list(terms)
        seen = list(dict.fromkeys(languages))
        for term in self.terms:
            for code in term.targets:
                if code not in seen:
                    seen.append(code)
        self.languages: list[str] = seen
        """Target language columns in first-seen order (for export)."""

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    @cached_property
    def matcher(self) -> Matcher:
        return Matcher(self.terms)

    def find(self, text: str) -> list[Match]:
        """Non-overlapping term occurrences in German ``text``, longest first, left to right."""
        return self.matcher.find(text)
