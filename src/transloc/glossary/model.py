"""Glossary terms and their resolution for a target locale.

A term is one row of an "equivalent term set" glossary: the German source form plus one cell per
target language or locale variant. Resolution follows ``TargetLocale.variants()`` (``en-GB`` before
``en``) so a variant column only needs the cells that differ.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..localise.locales import TargetLocale
    from .match import Match, Matcher

SOURCE = "de"
"""Source language of every glossary (transloc translates German articles)."""

TYPES = ("person", "title", "org", "place", "term", "media", "credit")
META_COLUMNS = ("type", "dnt", "forbidden", "note")
LANG_CODE = re.compile(r"^[a-z]{2,3}(?:-(?:[A-Z]{2}|[0-9]{3}|[A-Z][a-z]{3}))?$")


def normalise_lang(code: str) -> str:
    """``en_gb`` / ``EN-GB`` → ``en-GB`` (column headers are written by hand)."""
    parts = code.strip().replace("_", "-").split("-")
    head = parts[0].lower()
    tail = [p.title() if len(p) == 4 else p.upper() for p in parts[1:]]
    return "-".join([head, *tail])


@dataclass(frozen=True)
class Forbidden:
    """A target form that must not appear; ``lang`` limits it to locales whose variants include it."""

    form: str
    lang: str | None = None

    def __str__(self) -> str:
        return f"{self.lang}:{self.form}" if self.lang else self.form

    @classmethod
    def parse(cls, item: str) -> Forbidden:
        head, sep, rest = item.partition(":")
        if sep and LANG_CODE.match(normalise_lang(head)) and rest.strip():
            return cls(rest.strip(), normalise_lang(head))
        return cls(item.strip())


@dataclass(frozen=True)
class Term:
    source: str
    """The German form as written in the glossary (nominative, canonical spelling)."""
    targets: dict[str, str] = field(default_factory=dict, hash=False)
    """Language/locale column → target form (empty cells are left out)."""
    type: str = ""
    dnt: bool = False
    """Do not translate: the source form stays verbatim in every language."""
    forbidden: tuple[Forbidden, ...] = ()
    note: str = ""
    origin: str = ""
    """``file:line`` where the term was defined, for diagnostics."""

    def target(self, locale: TargetLocale) -> str | None:
        """The form required in ``locale``: most specific column first; dnt keeps the source."""
        if self.dnt:
            return self.source
        for code in locale.variants():
            if self.targets.get(code):
                return self.targets[code]
        return None

    def forbidden_for(self, locale: TargetLocale) -> list[str]:
        """Forbidden forms that apply to ``locale`` (never the required form itself)."""
        variants = set(locale.variants())
        wanted = self.target(locale)
        return [f.form for f in self.forbidden if (f.lang is None or f.lang in variants) and f.form != wanted]


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
        from .match import Matcher

        return Matcher(self.terms)

    def find(self, text: str) -> list[Match]:
        """Non-overlapping term occurrences in German ``text``, longest first, left to right."""
        return self.matcher.find(text)


@dataclass(frozen=True)
class Problem:
    """A lint finding in a glossary file, reported like a compiler: ``path:line: level: message``."""

    path: str
    line: int
    level: str
    """``error`` (lint fails, loading refuses the file) or ``warning``."""
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.level}: {self.message}"


TRUE = frozenset({"1", "x", "yes", "y", "true", "ja", "dnt"})
FALSE = frozenset({"", "0", "no", "n", "false", "nein"})
