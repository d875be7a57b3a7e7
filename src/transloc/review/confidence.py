"""Per-sentence MT confidence: what it is, how it is written to the PO file, and when it stops counting.

Formula. CTranslate2 returns, for the best beam-search hypothesis, ``score = S / L ** a`` where ``S`` is
the sum of the log-probabilities of the generated tokens (``</s>`` included when the model emitted it;
a forced target prefix scores 0), ``L`` the hypothesis length in tokens (prefix included) and ``a`` the
length penalty. transloc undoes the penalty and divides by the number ``T`` of generated tokens:

    mean = score × L ** a / T          confidence = exp(mean)

that is, the geometric mean of the token probabilities — 0 to 1, independent of sentence length. For a
pivot route (de→en→fr) the legs' confidences multiply. The value is written to the entry's ``#. mt:``
comment as ``confidence=0.83`` together with ``draft=<8 hex>``, a hash of the msgstr the machine wrote:
when a person edits the msgstr or approves it (drops ``fuzzy``), the confidence no longer describes the
text and is treated as absent (and removed at the next extract or translate).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import polib

from ..provenance import draft_hash, edited, mt_record

if TYPE_CHECKING:
    from ..mt.base import Engine

LOW_CONFIDENCE = 0.5
"""Below this a machine draft counts as low confidence (status, review page)."""


def mean_logprob(score: float, length: int, length_penalty: float, *, prefix: int = 0, ended: bool = True) -> float:
    """Mean log-probability per generated token from a CTranslate2 hypothesis score (see module doc).

    ``length`` is the hypothesis length as CTranslate2 returns it (prefix included, ``</s>`` not), ``ended``
    whether the model stopped with ``</s>`` (rather than at the length limit).
    """
    if not math.isfinite(score):
        return -math.inf
    generated = max(1, length - prefix + (1 if ended else 0))
    total = score * length**length_penalty if length > 0 else score
    return min(0.0, total / generated)


def confidence(mean_logprobs: Sequence[float]) -> float:
    """Geometric-mean token probability of a (possibly multi-leg) translation, in [0, 1]."""
    total = sum(mean_logprobs)
    return 0.0 if not math.isfinite(total) else min(1.0, max(0.0, math.exp(total)))


def mt_note(label: str, value: float | None, msgstr: str) -> str:
    """The ``#. mt:`` line: ``mt: argos translate-de_en 1.9 confidence=0.83 draft=1a2b3c4d`` (or ``mt: pseudo``)."""
    if value is None:
        return f"mt: {label}"
    return f"mt: {label} confidence={value:.2f} draft={draft_hash(msgstr)}"


def confidence_of(entry: polib.POEntry) -> float | None:
    """The machine draft's confidence, or None: no score recorded, or a person has edited the entry."""
    record = mt_record(entry.comment)
    if record is None or record.confidence is None or edited(entry):
        return None
    return record.confidence


def translate_scored(engine: Engine, texts: list[str]) -> list[tuple[str, float | None]]:
    """Translate with the engine's confidences where it has them (``translate_scored``), else None each."""
    scored = getattr(engine, "translate_scored", None)
    if callable(scored):
        return list(scored(texts))
    return [(text, None) for text in engine.translate_batch(texts)]
