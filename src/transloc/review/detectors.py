"""Problem detectors: cheap checks on every machine draft, whatever the engine, each with a reason code.

They run as the outermost MT hook (after every other hook has finished the draft) and add
``#. review: <code>: <detail>`` lines. The codes are a contract (README, review page, status):

=============== ==========================================================================
``repeat``      an n-gram loop: a phrase repeated back to back (3×, or 2× for 4+ words)
``copy``        the output is the source, unchanged
``length``      output/source length ratio outside the range usual for the language pair
``source-words`` German function words left in the output (``und``, ``der``, ``nicht`` …)
``unbalanced``  quotes or brackets opened and not closed (compared with the source)
``cut-off``     the output stops without final punctuation where the source has it
=============== ==========================================================================

Each compares output with source, so a source that itself repeats, is unbalanced (one sentence of a
multi-sentence quotation) or has no final punctuation (a headline) does not flag its translation.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .. import placeholders
from ..mt.base import Draft

CODES: dict[str, str] = {
    "repeat": "repeated phrase (decoder loop)",
    "copy": "output identical to the source",
    "length": "length ratio out of range",
    "source-words": "source-language words left",
    "unbalanced": "unbalanced quotes or brackets",
    "cut-off": "cut off (no final punctuation)",
}

# Output length / German source length (characters) typical of news text, and the band accepted around it.
TYPICAL_RATIO: dict[str, float] = {
    "en": 0.92, "fr": 1.08, "es": 1.05, "it": 1.05, "pt": 1.05, "nl": 1.0, "pl": 1.0, "ru": 1.0, "uk": 1.0,
    "tr": 0.95, "ar": 0.8, "zh": 0.35, "ja": 0.45, "ko": 0.45,
}
RATIO_BAND = (0.5, 1.8)
MIN_LENGTH = 20
"""Sources shorter than this (characters) are not length-checked: ratios of short strings mean little."""

_GERMAN_FUNCTION_WORDS = frozenset(
    "der die das des dem den und oder aber nicht auch noch nur schon sehr mit von vom auf für über unter im "
    "zum zur bei nach aus wie als um vor seit bis durch gegen ohne zwischen sich ein eine einen einem einer "
    "eines kein keine ist sind war waren wird werden wurde wurden hat haben hatte dass weil wenn doch es er "
    "sie wir ich ihr ihre sein seine diese dieser dieses man so an in am was will also".split()
)
# Words of the list that are also ordinary words of the target language (never counted there).
_ALSO_TARGET_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("die an in am was will also so man war hat um er den dem bis".split()),
    "fr": frozenset("des an in es sein bis".split()),
    "es": frozenset("es den bis".split()),
    "it": frozenset("in so bei".split()),
    "pt": frozenset("um bis".split()),
}
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_TOKEN = re.compile(r"[^\W_]+")
_TERMINAL = ".!?…:;。！？"
_ALNUM = re.compile(r"[^\W_]")
_BRACKETS = {"(": ")", "[": "]", "{": "}"}
_BRACKET_OF = {opener: re.compile(f"[{re.escape(opener + closer)}]") for opener, closer in _BRACKETS.items()}
_DOUBLE_QUOTES = set('"„“”«»‹›')
_AS_STRAIGHT = str.maketrans(dict.fromkeys(_DOUBLE_QUOTES, '"'))
_STUTTER = re.compile(r"(\S{1,20}?)\1\1\1\1+")
"""A unit repeated 5 times or more (``\\1{4,}`` spelt out: the same matches, in half the time)."""
MAX_DETAIL = 60
"""Notes stay on one ``#.`` line (PO writers wrap longer comments, which breaks them apart)."""


@dataclass(frozen=True)
class Finding:
    code: str
    detail: str

    def __str__(self) -> str:
        detail = self.detail if len(self.detail) <= MAX_DETAIL else self.detail[: MAX_DETAIL - 1] + "…"
        return f"{self.code}: {detail}"


@lru_cache(maxsize=8)
def plain(text: str) -> str:
    """Text as a reader sees it: placeholders removed, spaces collapsed. Cached: every detector asks
    about the same source and output."""
    return " ".join(placeholders.strip(text).split())


def repeat(source: str, output: str) -> Finding | None:
    loop = _loop(output)
    if loop is None or _loop(source) is not None:
        return None
    phrase, times = loop
    return Finding("repeat", f'"{phrase[:30]}" {times}× in a row')


def _loop(text: str) -> tuple[str, int] | None:
    for stutter in _STUTTER.finditer(text):  # inside a word too: "ercentercentercent…", "qqqqqq"
        if any(char.isalpha() for char in stutter.group(1)):  # not "·····" or "!!!!!"
            return stutter.group(1), len(stutter.group(0)) // len(stutter.group(1))
    # casefold maps character by character, so the words can be folded in one call (none holds "\0")
    found = _TOKEN.findall(text)
    words = "\0".join(found).casefold().split("\0") if found else []
    for n in range(1, 9):
        need = 3 if n < 4 else 2
        # same[j]: word j equals word j + n. A phrase of n words at i repeats back to back ``times`` times
        # exactly when same[i : i + (times - 1) * n] holds throughout, so the first loop starts at the first
        # run of ``(need - 1) * n`` equal pairs: found by bytes.find at C speed (a Python scan of every
        # start and length took 2.5 s on a sentence with 100,000 inline elements).
        same = bytes(map(operator.eq, words, words[n:]))
        i = same.find(b"\1" * ((need - 1) * n))
        if i >= 0:
            end = same.find(b"\0", i)
            run = (len(same) if end < 0 else end) - i
            return " ".join(words[i : i + n]), 1 + run // n
    return None


def copy(source: str, output: str) -> Finding | None:
    src, out = plain(source), plain(output)
    if not _has_common_words(src):
        return None  # names and codes ("Kim Jong Un", "dpa") legitimately stay as they are
    head_src, head_out = _same(src[:_HEAD]), _same(out[:_HEAD])
    if not (head_src.startswith(head_out) or head_out.startswith(head_src)):
        return None  # the forms differ in their first characters already (they map character by character)
    if _same(src) == _same(out):
        return Finding("copy", "the translation is the German source unchanged")
    return None


_HEAD = 1000
"""Characters compared first by :func:`copy`: most drafts differ from their source early on."""


def _has_common_words(text: str) -> bool:
    """Two words or more, one of them lower-case and longer than a letter; read up to where that is
    known (listing every word of a 100,000-element sentence first took a tenth of a second)."""
    count, lower = 0, False
    for match in _WORD.finditer(text):
        word = match.group()
        count += 1
        lower = lower or (word.islower() and len(word) > 1)
        if count >= 2 and lower:
            return True
    return False


def _same(text: str) -> str:
    """Comparable form: case and quotation-mark style ignored (the locale hook converts „…“ to “…”)."""
    return text.translate(_AS_STRAIGHT).casefold()


def length(source: str, output: str, target: str) -> Finding | None:
    src, out = plain(source), plain(output)
    if len(src) < MIN_LENGTH:
        return None
    typical = TYPICAL_RATIO.get(target, 1.0)
    low, high = typical * RATIO_BAND[0], typical * RATIO_BAND[1]
    ratio = len(out) / len(src)
    if low <= ratio <= high:
        return None
    return Finding("length", f"{ratio:.2f}× the source (usual for {target}: {low:.2f}–{high:.2f}×)")


def source_words(source: str, output: str, target: str) -> Finding | None:
    if target not in _ALSO_TARGET_WORDS:
        return None  # only for targets whose overlap with the German list is known
    allowed = _ALSO_TARGET_WORDS[target]
    every = _WORD.findall(plain(output))
    # Each distinct word is judged once (a long sentence repeats its words): kept? German?
    kept = {w: not (w.isupper() and len(w) > 1) for w in set(every)}
    german = {w for w, keep in kept.items() if keep and w.casefold() in _GERMAN_FUNCTION_WORDS - allowed}
    words = [w for w in every if kept[w]]
    found = [w for w in words if w in german]
    if len(found) < 2 or len(found) < 0.1 * len(words):
        return None
    shown = ", ".join(list(dict.fromkeys(w.casefold() for w in found))[:5])
    return Finding("source-words", f"German words left: {shown}")


def unbalanced(source: str, output: str) -> Finding | None:
    src_brackets, src_quotes = _balance(plain(source))
    out_brackets, out_quotes = _balance(plain(output))
    problems = [
        f"{opener}{_BRACKETS[opener]} {_describe(*state)}"
        for opener, state in out_brackets.items()
        if state != src_brackets[opener]
    ]
    if out_quotes != src_quotes:
        problems.append("quotation marks: an odd number" if out_quotes else "quotation marks differ from the source")
    return Finding("unbalanced", "; ".join(problems)) if problems else None


def _balance(text: str) -> tuple[dict[str, tuple[int, bool]], int]:
    """Per bracket pair: (depth left open, closed before opened); and the parity of double quotation marks."""
    brackets: dict[str, tuple[int, bool]] = {}
    for opener, closer in _BRACKETS.items():
        depth, underflow = 0, False
        if closer in text:  # only the brackets themselves are read, not every character
            for char in _BRACKET_OF[opener].findall(text):
                depth += 1 if char == opener else -1
                underflow |= depth < 0
        else:
            depth = text.count(opener)
        brackets[opener] = (depth, underflow)
    return brackets, sum(text.count(mark) for mark in _DOUBLE_QUOTES) % 2


def _describe(depth: int, underflow: bool) -> str:
    if underflow:
        return "closed before opened"
    return f"{depth} left open" if depth > 0 else f"{-depth} closed too many"


def cut_off(source: str, output: str) -> Finding | None:
    if not _finished(plain(source)) or _finished(plain(output)):
        return None
    return Finding("cut-off", "no final punctuation, the source has it")


def _finished(text: str) -> bool:
    """Ends a sentence: nothing but closing marks after its last final punctuation."""
    last = max(text.rfind(mark) for mark in _TERMINAL)
    return last >= 0 and not _ALNUM.search(text[last + 1 :])


def detect(source: str, output: str, target: str) -> list[Finding]:
    """Every problem of a draft ``output`` of German ``source`` in language ``target`` (``en``, ``fr``…)."""
    target = target.split("-")[0].lower()
    if not plain(output):
        return []
    if target == "de":  # de → de-CH and the like: copies and German words are expected
        found: Iterable[Finding | None] = (repeat(source, output), unbalanced(source, output), cut_off(source, output))
    else:
        copied = copy(source, output)
        found = (
            repeat(source, output),
            copied,
            length(source, output, target),
            None if copied else source_words(source, output, target),  # a copy is one defect, not two
            unbalanced(source, output),
            cut_off(source, output),
        )
    return [f for f in found if f is not None]


def code_of(note: str) -> str | None:
    """The reason code of a ``review:`` note text (``repeat: …`` → ``repeat``), if it is a detector's."""
    code = note.split(":", 1)[0].strip()
    return code if code in CODES else None


class DetectorHook:
    """Runs the detectors on the finished draft; must be the first hook so its ``after`` runs last."""

    name = "detectors"

    def __init__(self, target: str) -> None:
        self.target = target

    def before(self, draft: Draft) -> None:
        return None

    def after(self, draft: Draft) -> None:
        for finding in detect(draft.source, draft.text, self.target):
            if str(finding) not in draft.review:
                draft.review.append(str(finding))
