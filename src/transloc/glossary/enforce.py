"""Glossary enforcement around MT, and the verification shared with ``transloc check``.

Argos has no constrained decoding, so the glossary is enforced by protection: each matched term
becomes a void placeholder before MT (the engine sees the target form as display text, which also
gives it the right context) and is replaced by the exact target afterwards. Verification then
proves the result rather than trusting the engine or the tag hook.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import polib

from ..catalog import translations
from ..localise.locales import TargetLocale, parse_locale
from ..mt.base import Draft
from .match import Glossary, Match

NAME = "glossary"


def as_locale(target: TargetLocale | str) -> TargetLocale:
    return target if isinstance(target, TargetLocale) else parse_locale(target)


def required(match: Match, locale: TargetLocale) -> str | None:
    """The canonical form a translation must contain for ``match`` (None: no target for this locale)."""
    term = match.term
    if term.dnt:
        return term.source if match.genitive else match.surface
    return term.target(locale)


def replacement(match: Match, locale: TargetLocale) -> str | None:
    """The text that replaces the occurrence: the required form, English possessive where German had one."""
    form = required(match, locale)
    if form is None or match.term.dnt:
        return form
    if match.possessive and locale.language == "en":
        return form + ("'" if form.endswith("s") else "'s")
    return form


@lru_cache(maxsize=4096)
def _pattern(form: str) -> re.Pattern[str]:
    # Whole words only; the first letter may change case (sentence starts, French "Ministre").
    head = re.escape(form[0])
    if form[0].lower() != form[0].upper():
        head = f"[{re.escape(form[0].lower())}{re.escape(form[0].upper())}]"
    # Inflection tolerance of the target: possessive and plural endings (Putin's, Defense Ministers, États-Unis').
    return re.compile(rf"(?<![^\W_]){head}{re.escape(form[1:])}(?:['’]s|['’]|e?s|x)?(?![^\W_])")


def contains(text: str, form: str) -> bool:
    """``form`` occurs in ``text`` as whole words, possibly inflected (``Putin's``, ``ministers``)."""
    return bool(form) and _pattern(form).search(text) is not None


def spans(text: str, form: str) -> list[tuple[int, int]]:
    """Where ``form`` occurs in ``text`` (same rule as :func:`contains`), for highlighting."""
    return [m.span() for m in _pattern(form).finditer(text)] if form else []


def note(match: Match, locale: TargetLocale) -> str | None:
    form = required(match, locale)
    if form is None:
        return None
    if match.term.dnt:
        return f"{NAME}: {match.term.source} → {form} (do not translate)"
    return f"{NAME}: {match.term.source} → {form}"


@dataclass(frozen=True)
class Issue:
    kind: str
    """``missing`` (required form absent) or ``forbidden`` (a forbidden form present)."""
    match: Match
    form: str
    """The form found (forbidden) or missing (required)."""
    want: str
    """The required form."""

    @property
    def message(self) -> str:
        term = self.match.term
        if self.kind == "forbidden":
            return f'forbidden form "{self.form}" for "{term.source}" (use "{self.want}")'
        if term.dnt:
            return f'"{self.match.surface}" must stay "{self.form}" (do not translate)'
        return f'"{self.match.surface}" must be translated as "{self.form}"'


def verify(matches: Iterable[Match], text: str, locale: TargetLocale) -> list[Issue]:
    """What is wrong with translation ``text`` for the terms matched in its source."""
    issues: list[Issue] = []
    seen: set[tuple[str, str]] = set()
    for match in matches:
        form = required(match, locale)
        if form is None:
            continue
        key = (match.term.source, form)
        if key in seen:
            continue
        seen.add(key)
        missing = not contains(text, form)
        if missing:
            issues.append(Issue("missing", match, form, form))
        # The source form left untranslated is one mistake, already reported as missing.
        same = {match.surface.casefold(), match.term.source.casefold()} if missing else set()
        for bad in match.term.forbidden_for(locale):
            if contains(text, bad) and not contains(form, bad) and bad.casefold() not in same:
                issues.append(Issue("forbidden", match, bad, form))
    return issues


@dataclass
class _Applied:
    number: int
    match: Match
    rendered: str
    position: float
    """Relative position of the occurrence in the source text, for a last-resort placement."""


@dataclass
class _AppliedTerms:
    items: list[_Applied]


class GlossaryHook:
    """Protects matched terms before MT and restores their glossary targets afterwards."""

    name = NAME

    def __init__(self, glossary: Glossary, target: TargetLocale | str) -> None:
        self.glossary = glossary
        self.target = as_locale(target)

    def before(self, draft: Draft) -> None:
        text = draft.text
        applied: list[_Applied] = []
        for match in self.glossary.find(text):
            rendered = replacement(match, self.target)
            if rendered is None:
                continue
            number = draft.reserve()
            draft.protected[number] = rendered
            applied.append(_Applied(number, match, rendered, match.start / max(1, len(text))))
        for item in reversed(applied):
            text = f"{text[: item.match.start]}<{item.number}/>{text[item.match.end :]}"
        draft.text = text
        draft.state[self.name] = _AppliedTerms(applied)

    def after(self, draft: Draft) -> None:
        stored = draft.stored(self.name, _AppliedTerms)
        applied = stored.items if stored is not None else []
        text = draft.text
        for item in applied:
            token = f"<{item.number}/>"
            if token in text:
                text = _replace(text, token, item.rendered)
                continue
            # No tag hook ran, or the engine lost the token: accept the display text if the engine kept
            # it, else place the term by position and ask for review.
            if contains(text, item.rendered):
                continue
            text = _insert(text, item.rendered, item.position)
            draft.review.append(f"{NAME}: {item.rendered} placed by position, check the sentence")
        draft.text = text
        for item in applied:
            line = note(item.match, self.target)
            if line and line not in draft.notes:
                draft.notes.append(line)
        for issue in verify([a.match for a in applied], text, self.target):
            line = f"{NAME}: {issue.message}"
            if line not in draft.review:
                draft.review.append(line)


def _replace(text: str, token: str, word: str) -> str:
    """Put ``word`` where ``token`` stands, keeping it a word of its own (a guessed position may touch text)."""
    index = text.index(token)
    before, after = text[:index], text[index + len(token) :]
    if before and before[-1].isalnum() and word[:1].isalnum():
        before += " "
    if after and after[0].isalnum() and word[-1:].isalnum():
        after = " " + after
    return before + word + after


def _insert(text: str, word: str, position: float) -> str:
    pos = min(len(text), max(0, round(position * len(text))))
    while 0 < pos < len(text) and not text[pos - 1].isspace():
        pos += 1
    left, right = text[:pos].rstrip(), text[pos:].lstrip()
    return " ".join(part for part in (left, word, right) if part)


def hints(glossary: Glossary, msgid: str, target: TargetLocale | str) -> list[str]:
    """``glossary: X → Y`` lines for the extraction-time ``#.`` comments of ``msgid``."""
    locale = as_locale(target)
    out: list[str] = []
    for match in glossary.find(msgid):
        line = note(match, locale)
        if line and line not in out:
            out.append(line)
    return out


def _pair(entry: polib.POEntry | tuple[str, str]) -> tuple[str, str] | None:
    """An entry's source and translation as one text each (plural forms joined)."""
    if isinstance(entry, tuple):
        return entry[0], entry[1]
    forms = list(translations(entry))
    if not forms:
        return None
    return " ".join(dict.fromkeys(s for s, _ in forms)), " ".join(t for _, t in forms if t)


def term_use(
    glossary: Glossary, entries: Iterable[polib.POEntry | tuple[str, str]], target: TargetLocale | str
) -> tuple[int, int]:
    """(matched terms whose target appears in the translation, all matched terms) over translated entries.

    ``entries`` are polib entries or ``(msgid, msgstr)`` pairs; untranslated and obsolete ones are skipped.
    """
    locale = as_locale(target)
    hits = total = 0
    for entry in entries:
        pair = _pair(entry)
        if pair is None or not pair[1]:
            continue
        source, text = pair
        for match in glossary.find(source):
            form = required(match, locale)
            if form is None:
                continue
            total += 1
            hits += contains(text, form)
    return hits, total
