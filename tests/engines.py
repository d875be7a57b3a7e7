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


class CopyEngine:
    """Knows no markup and no locale: drops placeholders (via the tag hook) and copies what it is shown."""

    name = "copy"
    label = "copy"
    keeps_placeholders = False

    def __init__(self, **_: object) -> None:
        pass

    def translate_batch(self, texts: list[str]) -> list[str]:
        return list(texts)


class EchoEngine(CopyEngine):
    """Returns the text it sees, placeholders and all (engines that keep tags and names)."""

    name = "echo"
    label = "echo"
    keeps_placeholders = True
