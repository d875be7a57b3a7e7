"""Glossary terms and their resolution for a target locale.

A term is one row of an "equivalent term set" glossary: the German source form plus one cell per
target language or locale variant. Resolution follows ``TargetLocale.variants()`` (``en-GB`` before
``en``) so a variant column only needs the cells that differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..localise.locales import TargetLocale

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


def term_problems(term: Term, *, remedy: str = "fill a language cell or mark it dnt") -> list[tuple[str, str]]:
    """``(level, message)`` for every rule ``term`` breaks, the same for every file format.

    Check the term as read, before :func:`settle` drops the targets of a do-not-translate term.
    ``remedy`` says how to give a term a target in the format at hand.
    """
    problems: list[tuple[str, str]] = []
    if not term.source:
        problems.append(("error", f"empty {SOURCE} cell: every term needs its source form"))
    if term.type and term.type not in TYPES:
        problems.append(("error", f"unknown type {term.type!r}: use one of {', '.join(TYPES)}"))
    if term.dnt:
        for lang, value in term.targets.items():
            if value != term.source:
                problems.append(
                    ("error", f"conflicting targets: dnt term {term.source!r} has {lang} target {value!r}")
                )
    elif term.source and not term.targets:
        problems.append(("error", f"no target for {term.source!r}: {remedy}"))
    required = {} if term.dnt else term.targets
    for item in term.forbidden:
        if item.lang is None:
            clash = any(value == item.form for value in required.values())
        else:
            clash = required.get(item.lang) == item.form
        if clash or (term.dnt and item.form == term.source):
            problems.append(("error", f"conflicting targets: {item.form!r} is both required and forbidden"))
    return problems


def settle(term: Term) -> Term:
    """The term as stored: a do-not-translate term keeps its source form everywhere, so no targets."""
    return replace(term, targets={}) if term.dnt and term.targets else term


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
