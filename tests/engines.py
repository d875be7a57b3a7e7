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


# ----------------------------------------------------------------------------- review detectors
# German sentences and a clean English translation each; the defect engines below damage the clean
# translation in exactly one way, so each problem detector can be tested against the one defect it names.

CLEAN_EN = {
    "Der Minister sagte heute, dass die Regierung nicht mit dem Kanzler sprechen werde.":
        "The minister said today that the government would not speak with the chancellor.",
    "Experten warnen vor enormen Konsequenzen für die Sicherheit in Europa.":
        "Experts warn of enormous consequences for the security of Europe.",
    "Die Polizei und das Gericht haben den Bericht der Stadt geprüft.":
        "The police and the court have examined the report of the city.",
    "Nach dem Sturm blieben viele Schulen in der Region geschlossen.":
        "After the storm many schools in the region remained closed.",
}
"""Plain sentences: no quotes, brackets or numbers, final full stop, over 20 characters."""

CLEAN_TRICKY = {
    "Putin und Kim unterzeichnen Atompakt": "Putin and Kim sign nuclear pact",  # headline: no final punctuation
    "Kim Jong Un": "Kim Jong Un",  # a name stays as it is
    "„Das ist der erste Satz.": "“This is the first sentence.",  # a quotation that goes on in the next sentence
    "Die Preise (laut Statistikamt) sind gestiegen.": "Prices (according to the statistics office) have risen.",
    "Sie riefen: „Nein, nein, nein!“": "They shouted: “No, no, no!”",  # the source repeats too
    "Der Spiegel berichtet, die Linke habe gewonnen.": "Der Spiegel reports that Die Linke has won.",  # names
}


class TableEngine:
    """A perfect engine for the sentences above: returns the clean translation (the source if unknown)."""

    name = "table"
    label = "table"
    keeps_placeholders = True
    table = {**CLEAN_EN, **CLEAN_TRICKY}

    def __init__(self, **_: object) -> None:
        pass

    def translate_batch(self, texts: list[str]) -> list[str]:
        return [self.damage(text, self.table.get(text, text)) for text in texts]

    def damage(self, source: str, clean: str) -> str:
        return clean


def _last_word(text: str) -> tuple[str, str, str]:
    import re

    match = re.search(r"(\w+)(\W*)$", text)
    assert match is not None
    return text[: match.start()], match.group(1), match.group(2)


class LoopEngine(TableEngine):
    """Decoder loop: the last word three times."""

    def damage(self, source: str, clean: str) -> str:
        head, word, tail = _last_word(clean)
        return f"{head}{word} {word} {word}{tail}"


class SourceCopyEngine(TableEngine):
    """Returns the German source."""

    def damage(self, source: str, clean: str) -> str:
        return source


class RamblingEngine(TableEngine):
    """Adds a long invented clause: far longer than any English rendering."""

    def damage(self, source: str, clean: str) -> str:
        head, word, tail = _last_word(clean)
        return f"{head}{word}, which everybody who followed the long and winding story over many weeks knew well{tail}"


class TerseEngine(TableEngine):
    """Keeps the first two words."""

    def damage(self, source: str, clean: str) -> str:
        return " ".join(clean.split()[:2]).rstrip(",") + "."


class HalfGermanEngine(TableEngine):
    """Leaves German function words: the, and, of, not, with → der, und, von, nicht, mit."""

    words = {"the": "der", "The": "Der", "and": "und", "of": "von", "not": "nicht", "with": "mit", "in": "im"}

    def damage(self, source: str, clean: str) -> str:
        return " ".join(self.words.get(w, w) for w in clean.split(" "))


class BracketEngine(TableEngine):
    """Opens a bracket it never closes."""

    def damage(self, source: str, clean: str) -> str:
        head, word, tail = _last_word(clean)
        return f"{head}({word}{tail}"


class QuoteEngine(TableEngine):
    """Opens a quotation it never closes."""

    def damage(self, source: str, clean: str) -> str:
        head, word, tail = _last_word(clean)
        return f"{head}“{word}{tail}"


class CutOffEngine(TableEngine):
    """Stops before the last word and the full stop."""

    def damage(self, source: str, clean: str) -> str:
        head, _, _ = _last_word(clean)
        return head.rstrip()
