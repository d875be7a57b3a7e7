"""Words of a German source sentence, as the memory compares them.

Similarity is measured on words, not characters: ``Montag`` → ``Dienstag`` is one changed word, as a
translator counts it. Placeholders (``<1>``, ``</1>``, ``<2/>``) are words of their own; punctuation is not.
"""

from __future__ import annotations

import re

# A placeholder, or a run of letters/digits that may hold inner . , - ' (3,5 · 1.000 · 10.30 · US-Wahl · geht's).
WORD = re.compile(r"</?\d+/?>|\w+(?:[.,'’\-]\w+)*")
_FTS = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def fts_tokens(text: str) -> list[str]:
    """Distinct lower-case letter/digit runs, the terms of the full-text index (placeholders left out)."""
    plain = re.sub(r"</?\d+/?>", " ", text)
    return list(dict.fromkeys(t.lower() for t in _FTS.findall(plain)))


def has_digit(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


def is_placeholder(word: str) -> bool:
    return word.startswith("<")
