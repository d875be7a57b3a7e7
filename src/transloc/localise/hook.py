"""The localise hook: target-locale numbers, amounts, dates, times and quotation marks around MT.

Before MT each convertible entity of the German source becomes a protected void placeholder whose
display text is already the target form, so an engine that cannot keep placeholders sees
``November 24, 2026`` rather than ``24.11.2026``. After MT (the tag hook guarantees every ``<n/>``
is back) the placeholders become the CLDR renderings, and :func:`localise_text` converts whatever
German forms an engine still copied, rewrites the quotation marks and flags what is ambiguous or lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import placeholders
from ..mt.base import Draft
from .entities import Entity, find_entities
from .locales import TargetLocale
from .presence import Written
from .quotes import convert_quotes, delimiters
from .render import converted_form, format_number, target_form
from .typography import french_spacing

_WS = "[\\s\u00a0\u202f\u2009]"
_VOID = re.compile(r"<(\d+)/>")
"""A void placeholder, its number as written."""
_NUM_CORE = re.compile(r"\d[\d.]*(?:,\d+)?")
_TIME_SUFFIX = r"(?:" + _WS + r"*(?i:uhr|a\.m\.|p\.m\.|am|pm|o['’]clock|h)(?!\w))?"


def _needle(text: str) -> str:
    """A regex for ``text`` that tolerates any space variant and case, and is not glued to digits or words."""
    parts = [f"{_WS}*" if ch.isspace() else re.escape(ch) for ch in text]
    left = r"(?<![\w.,])" if text[:1].isalnum() else ""
    right = r"(?![\w]|[.,]\d)" if text[-1:].isalnum() else r"(?!\d)"
    return left + "".join(parts) + right


class _Text:
    """Output text plus the spans already settled (so one rendering never satisfies two entities)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.settled: list[tuple[int, int]] = []

    def find(self, pattern: str) -> tuple[int, int] | None:
        for m in re.finditer(pattern, self.text, flags=re.IGNORECASE):
            if not any(m.start() < e and s < m.end() for s, e in self.settled):
                return m.span()
        return None

    def settle(self, span: tuple[int, int], replacement: str | None = None) -> None:
        s, e = span
        if replacement is not None and replacement != self.text[s:e]:
            delta = len(replacement) - (e - s)
            self.text = self.text[:s] + replacement + self.text[e:]
            self.settled = [(a + delta, b + delta) if a >= e else (a, b) for a, b in self.settled]
            e = s + len(replacement)
        self.settled.append((s, e))


def _fallback(entity: Entity, out: _Text, target: TargetLocale) -> tuple[bool, str | None]:
    """Settle an entity whose full form is absent by its core (the number, the clock time).

    Returns whether the core was found, and a note when it had to be converted.
    """
    if entity.kind == "time" and entity.time and entity.first_time is None:
        hour, minute = entity.time
        rendered = converted_form(entity, target) or entity.text
        span = out.find(rf"(?<![\w.,:]){hour:d}[.:]{minute:02d}(?![\d]){_TIME_SUFFIX}")
        if span is None and hour != 12:  # the engine wrote 12-hour time: 22.15 Uhr → 10:15 p.m.
            half, suffix = (hour - 12, "p") if hour > 12 else (12 if hour == 0 else hour, "a")
            span = out.find(rf"(?<![\w.,:]){half:d}[.:]{minute:02d}{_WS}*(?i:{suffix}\.?m\.?)(?!\w)")
        if span:
            found = out.text[span[0] : span[1]]
            out.settle(span, rendered)
            return True, f"locale: {found} → {rendered}"
        return False, None
    core = _NUM_CORE.search(entity.text)
    if entity.value is None or entity.kind == "date" or core is None:
        return False, None
    german = core.group(0)
    local = format_number(entity.value, entity.decimals, target.babel)
    span = out.find(_needle(local))
    if span:
        out.settle(span, local)
        return True, None
    span = out.find(_needle(german))
    if span:
        out.settle(span, local)
        return True, f"locale: {german} → {local}"
    return False, None


def localise_text(source: str, text: str, target: TargetLocale) -> tuple[str, list[str], list[str]]:
    """Make ``text`` (a translation of German ``source``) follow ``target``'s conventions.

    Returns the new text, ``#.`` note lines for what was converted, and review lines for what is
    ambiguous or could not be found in the translation.
    """
    notes: list[str] = []
    review: list[str] = []
    out = _Text(text)
    for entity in find_entities(source):
        if entity.ambiguous:
            review.append(f"{entity.ambiguous}: left unchanged, check the translation")
            continue
        rendered = converted_form(entity, target)
        if rendered is None:
            continue
        span = out.find(_needle(entity.text))
        if span:
            out.settle(span, rendered)
            notes.append(f"locale: {entity.text} → {rendered}")
            continue
        span = out.find(_needle(rendered))
        if span:
            if out.text[span[0] : span[1]] != rendered:  # same form, other spaces (fr: 5 % → 5\u00a0%)
                notes.append(f"locale: {entity.text} → {rendered}")
            out.settle(span, rendered)
            continue
        if entity.kind in ("number", "percent", "amount", "time"):
            found, note = _fallback(entity, out, target)
            notes.extend([note] if note else [])
            if found:
                continue
        review.append(f"{entity.label} {entity.text} of the source not found in the translation")
    converted = convert_quotes(out.text, target)
    if converted != out.text:
        q_open, q_close, a_open, a_close = delimiters(target)
        notes.append(f"locale: quotation marks {q_open}…{q_close} {a_open}…{a_close}")
    if target.language == "fr":
        spaced = french_spacing(converted)
        if spaced != converted:
            notes.append("locale: no-break space before ; : ! ?")
        converted = spaced
    return converted, notes, review


def _plain_spaces(text: str) -> str:
    """What an engine should see: SentencePiece's NFKC turns U+202F/U+00A0 into spaces anyway, and the
    tag hook finds the display text in the output verbatim."""
    return re.sub(_WS, " ", text)


def _drop(text: str, token: str) -> str:
    """``text`` without ``token`` and the space the tag hook put beside it."""
    return re.sub(rf"^{re.escape(token)} ?| ?{re.escape(token)}", "", text, count=1)


@dataclass
class _Protected:
    values: dict[int, tuple[Entity, str]]
    """Placeholder number → the source entity and its target form."""


class LocaliseHook:
    """Target-locale conventions around MT; first in the hook list, so its ``after`` runs last."""

    name = "localise"

    def __init__(self, target: TargetLocale) -> None:
        self.target = target

    def before(self, draft: Draft) -> None:
        saved: dict[int, tuple[Entity, str]] = {}
        spans: list[tuple[int, int, int]] = []
        for entity in find_entities(draft.text):
            rendered = target_form(entity, self.target)  # protected even when unchanged: it must come out exact
            if rendered is None:
                continue
            number = draft.reserve()  # numbered in source order, so notes follow the sentence
            draft.protected[number] = _plain_spaces(rendered)
            saved[number] = (entity, rendered)
            spans.append((entity.start, entity.end, number))
        # One join (the spans are in order and apart): cutting each into the whole text was quadratic.
        parts: list[str] = []
        pos = 0
        for start, end, number in spans:
            parts += [draft.text[pos:start], f"<{number}/>"]
            pos = end
        parts.append(draft.text[pos:])
        draft.text = "".join(parts)
        draft.state[self.name] = _Protected(saved)

    def after(self, draft: Draft) -> None:
        stored = draft.stored(self.name, _Protected)
        values = sorted(stored.values.items()) if stored is not None else []
        text = _restore_at_once(draft, values) if _at_once(draft, values) else self._restore(draft, values)
        text, notes, review = localise_text(draft.source, text, self.target)
        draft.text = text
        draft.notes.extend(notes)
        draft.review.extend(review)

    def _restore(self, draft: Draft, values: list[tuple[int, tuple[Entity, str]]]) -> str:
        """The draft's text with each protected placeholder replaced by its rendering, one after another."""
        text = draft.text
        for number, (entity, rendered) in values:
            token = f"<{number}/>"
            if token not in text:
                continue
            if number in draft.placed:
                # The engine rewrote the shown value (10:30 AM → 10:30 a.m.) and the tag hook guessed where
                # it belongs: when the value is still written, keep the engine's copy (converted below).
                without = _drop(text, token)
                if Written(placeholders.strip(without), self.target.resolved).has(entity):
                    text = without
                    draft.settle_placed(number)
                    continue
            text = text.replace(token, rendered)
            if rendered != entity.text:
                draft.notes.append(f"locale: {entity.text} → {rendered}")
        return text


def _at_once(draft: Draft, values: list[tuple[int, tuple[Entity, str]]]) -> bool:
    """Whether :func:`_restore_at_once` gives what :meth:`LocaliseHook._restore` gives: no placeholder was
    placed by position (those are judged one by one, on the text as it then is), and no rendering holds
    ``<`` or ``>`` (so none can form a placeholder with its neighbours)."""
    return not any(number in draft.placed or "<" in rendered or ">" in rendered for number, (_, rendered) in values)


def _restore_at_once(draft: Draft, values: list[tuple[int, tuple[Entity, str]]]) -> str:
    """The draft's text with the protected placeholders replaced in one pass (a ``str.replace`` over the
    whole text per entity was quadratic: a sentence of 100,000 inline numbers)."""
    present = set(_VOID.findall(draft.text))
    rendered_by: dict[str, str] = {}
    for number, (entity, rendered) in values:
        if str(number) in present:
            rendered_by[str(number)] = rendered
            if rendered != entity.text:
                draft.notes.append(f"locale: {entity.text} → {rendered}")
    return _VOID.sub(lambda m: rendered_by.get(m.group(1), m.group(0)), draft.text)
