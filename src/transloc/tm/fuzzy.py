"""What the memory offers for one untranslated sentence, and why: the match policy.

In this order, the first that applies wins:

1. an **exact match** (same msgid, no context) from another catalog of the language: a person's
   translation is taken as reviewed; a machine draft is taken as a draft (fuzzy);
2. a **fuzzy match**: the reviewed translation of the most similar source, if at least 75 % of the words
   agree (``2 × common words / (words of both)``, word order respected) and its placeholders are the new
   sentence's. It becomes a fuzzy draft noting the score, the origin and the words that differ; numbers,
   dates, times and amounts that differ are adapted in the translation where it holds the old value once,
   and flagged ``review:`` where it does not;
3. otherwise **machine translation**. A fuzzy match whose placeholders differ is left to MT too: the
   engine's tag hook places them, while the old translation could not be built at all.

A reviewed translation a person approved for a 75 %-similar sentence is a better draft than fresh MT:
it carries the desk's wording and terminology, and the differences are listed for the reviewer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz.distance import Indel

from ..localise.locales import TargetLocale
from ..placeholders import tokens as placeholder_tokens
from .index import Memory
from .words import fts_tokens, words

if TYPE_CHECKING:
    from ..localise.entities import Entity

THRESHOLD = 0.75
PER_TOKEN = 40  # candidates read per search term: bounds the work per sentence, whatever the archive's size


@dataclass
class Suggestion:
    msgstr: str
    fuzzy: bool
    notes: list[str] = field(default_factory=list)
    kind: str = "exact"
    """``exact`` or ``fuzzy``."""
    score: float = 1.0


def suggest(
    memory: Memory, target: TargetLocale, msgid: str, *, exclude: str | None = None, fuzzy: bool = True
) -> Suggestion | None:
    """The memory's best offer for ``msgid`` under the policy above, or None (machine translation)."""
    lang = target.tag
    unit = memory.exact(lang, msgid, exclude)
    if unit is not None:
        return Suggestion(
            unit.msgstr, not unit.reviewed, [f"reused: {memory.display(unit.path)}:{unit.line}", *unit.notes]
        )
    if not fuzzy:
        return None
    found = best_match(memory, lang, msgid)
    if found is None:
        return None
    source, score = found
    if _placeholders(source) != _placeholders(msgid):
        return None
    unit = memory.reviewed_unit(lang, source)
    if unit is None:
        return None
    msgstr, adapted, review = adapt(source, msgid, unit.msgstr, target)
    notes = [f"tm: {int(score * 100)} % from {memory.display(unit.path)}:{unit.line}"]
    notes.append("tm: words that differ: " + differing_words(source, msgid))
    notes += [f"tm: adapted {a}" for a in adapted]
    notes += [f"review: {r}" for r in review]
    return Suggestion(msgstr, True, notes, "fuzzy", score)


def similarity(a: str, b: str) -> float:
    """Word similarity in 0–1: twice the words in common (in order) over the words of both."""
    return float(Indel.normalized_similarity(words(a), words(b)))


def best_match(memory: Memory, lang: str, msgid: str, threshold: float = THRESHOLD) -> tuple[str, float] | None:
    """The most similar reviewed source of ``lang`` at or above ``threshold``.

    Candidates come from the full-text index through the sentence's rarest terms only: a source with a
    similarity ≥ t shares at least ``t / (2 − t)`` of the sentence's words, so it must hold one of the
    rarest ``(1 − t / (2 − t)) · n + 1`` of them (prefix filtering), and rare terms have short lists.
    """
    own = words(msgid)
    n = len(own)
    terms = fts_tokens(msgid)
    if not n or not terms:
        return None
    frequency = memory.term_frequencies(lang, terms)
    usable = sorted((t for t in terms if frequency.get(t)), key=lambda t: frequency[t])
    share = threshold / (2 - threshold)
    prefix = usable[: int((1 - share) * len(terms)) + 1]
    if not prefix:
        return None
    low, high = int(n * share), int(n / share) + 1
    best: tuple[str, float] | None = None
    for source, _hits in memory.candidates(lang, prefix, low, high, PER_TOKEN):
        if source == msgid:
            continue
        score = float(Indel.normalized_similarity(own, words(source), score_cutoff=threshold))
        if score >= threshold and (best is None or score > best[1]):
            best = (source, score)
    return best


def differing_words(old: str, new: str) -> str:
    """``Montag → Dienstag; − weiter; + heute``: what changed from the memory's source to the new one."""
    a, b = words(old), words(new)
    parts = []
    for op in Indel.opcodes(a, b):
        removed, added = " ".join(a[op.src_start : op.src_end]), " ".join(b[op.dest_start : op.dest_end])
        if op.tag == "equal":
            continue
        if removed and added:
            parts.append(f"{removed} → {added}")
        elif removed:
            parts.append(f"− {removed}")
        else:
            parts.append(f"+ {added}")
    return "; ".join(_merge_adjacent(parts)) or "none (punctuation only)"


def _merge_adjacent(parts: list[str]) -> list[str]:
    """Indel has no "replace": a deletion next to an insertion reads as one change."""
    out: list[str] = []
    for part in parts:
        if out and out[-1][:2] + part[:2] == "− + ":
            out[-1] = f"{out[-1][2:]} → {part[2:]}"
        elif out and out[-1][:2] + part[:2] == "+ − ":
            out[-1] = f"{part[2:]} → {out[-1][2:]}"
        else:
            out.append(part)
    return out


def _placeholders(text: str) -> set[tuple[str, int]]:
    return {(t.kind, t.number) for t in placeholder_tokens(text)}


def adapt(old_source: str, new_source: str, translation: str, target: TargetLocale) -> tuple[str, list[str], list[str]]:
    """Carry changed numbers, dates, times, amounts, weekdays and months from the new source into the old
    translation. Returns the translation, what was adapted, and what a reviewer must fix (a value the
    translation does not hold exactly once in any form we know)."""
    from ..localise.entities import find_entities

    old, new = find_entities(old_source), find_entities(new_source)
    adapted: list[str] = []
    review: list[str] = []
    if [e.text for e in old] != [e.text for e in new]:
        translation = _adapt_values(old, new, translation, target, adapted, review)
    inside = " ".join(e.text for e in (*old, *new))
    translation = _adapt_names(old_source, new_source, inside, translation, target, adapted, review)
    return translation, adapted, review


def _replace_once(translation: str, old_form: str | None, new_form: str | None) -> str | None:
    """The translation with ``old_form`` replaced, if it occurs there exactly once as a whole word."""
    if not old_form or not new_form:
        return None
    hits = list(re.finditer(rf"(?<![\w]){re.escape(old_form)}(?![\w])", translation))
    if len(hits) != 1:
        return None
    return translation[: hits[0].start()] + new_form + translation[hits[0].end() :]


def _adapt_values(
    old: list[Entity], new: list[Entity], translation: str, target: TargetLocale, adapted: list[str], review: list[str]
) -> str:
    """Values are paired in order when both sources hold the same kinds; otherwise every changed one is flagged."""
    from ..localise.render import target_form

    if [e.kind for e in old] != [e.kind for e in new]:
        gone = [e.text for e in old if e.text not in {n.text for n in new}]
        came = [e.text for e in new if e.text not in {o.text for o in old}]
        review.append(
            f"tm: numbers or dates differ from the reused source ({', '.join(gone) or '—'} → "
            f"{', '.join(came) or '—'}); check the translation"
        )
        return translation
    for before, after in zip(old, new, strict=True):
        if before.text == after.text:
            continue
        forms = [(target_form(before, target), target_form(after, target)), (before.text, after.text)]
        for old_form, new_form in forms:
            changed = _replace_once(translation, old_form, new_form)
            if changed is not None:
                translation = changed
                adapted.append(f"{old_form} → {new_form}")
                break
        else:
            review.append(f"tm: the source now says {after.text} where the reused one said {before.text}; "
                          "update the translation")
    return translation


_WEEKDAYS = ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"]
_MONTHS = ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "dezember"]


def _name(word: str) -> tuple[str, int] | None:
    low = word.lower()
    if low in _WEEKDAYS:
        return "day", _WEEKDAYS.index(low)
    if low in _MONTHS:
        return "month", _MONTHS.index(low) + 1
    return None


def _adapt_names(
    old_source: str, new_source: str, inside: str, translation: str, target: TargetLocale,
    adapted: list[str], review: list[str],
) -> str:
    """Weekdays and months outside dates (``am Montag`` → ``am Dienstag``), through the target locale's names."""
    from babel.dates import get_day_names, get_month_names

    a, b = words(old_source), words(new_source)
    removed, added = [], []
    for op in Indel.opcodes(a, b):
        removed += [w for w in a[op.src_start : op.src_end] if op.tag != "equal" and _name(w) and w not in inside]
        added += [w for w in b[op.dest_start : op.dest_end] if op.tag != "equal" and _name(w) and w not in inside]
    for before, after in zip(removed, added, strict=False):
        old_name, new_name = _name(before), _name(after)
        assert old_name is not None and new_name is not None
        names = get_day_names("wide", locale=target.babel) if old_name[0] == "day" else get_month_names(
            "wide", locale=target.babel
        )
        if old_name[0] == new_name[0]:
            old_form, new_form = str(names[old_name[1]]), str(names[new_name[1]])
            changed = _replace_once(translation, old_form, new_form)
            if changed is not None:
                translation = changed
                adapted.append(f"{old_form} → {new_form}")
                continue
        review.append(f"tm: the source now says {after} where the reused one said {before}; update the translation")
    for extra in removed[len(added):] + added[len(removed):]:
        review.append(f"tm: {extra} is only in one of the two sources; check the translation")
    return translation
