"""Deterministic test doubles for MT engines (tests only; the product has only real engines)."""

from __future__ import annotations

from transloc.mt.pseudo import PseudoEngine


class CountingEngine(PseudoEngine):
    """Pseudo-localises and counts calls and sentences."""

    name = "counting"
    keeps_placeholders = True
    calls = 0
    sentences = 0

    def translate_batch(self, texts: list[str]) -> list[str]:
        type(self).calls += 1
        type(self).sentences += len(texts)
        return super().translate_batch(texts)


class InterruptingEngine(PseudoEngine):
    """Translates ``allowed`` batches, then behaves like Ctrl-C."""

    name = "interrupting"
    keeps_placeholders = True
    allowed = 1

    def translate_batch(self, texts: list[str]) -> list[str]:
        if type(self).allowed <= 0:
            raise KeyboardInterrupt
        type(self).allowed -= 1
        return super().translate_batch(texts)


class UpperEngine:
    """Uppercases text and drops every placeholder, like an engine that knows nothing of markup."""

    name = "upper"
    label = "upper"
    keeps_placeholders = False

    def __init__(self, **_: object) -> None:
        pass

    def translate_batch(self, texts: list[str]) -> list[str]:
        import re

        return [re.sub(r"</?\d+/?>", "", t).upper() for t in texts]
