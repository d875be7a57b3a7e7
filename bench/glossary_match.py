"""Glossary matching at scale: a 10,000-term glossary against 1 MB of German news text.

The glossary is the shipped one plus synthetic terms (deterministic: seeded syllable nouns, two-word
names, hyphenated terms); the text is the example article repeated with variations (synthetic terms
inserted, genitive -s, upper-case headlines) up to exactly 1 MiB. Matching must stay an index lookup
per word, so the time should hardly grow with the number of terms. Goal: < 1 s. Building the index and
simplemma's one-time dictionary load (about 1.5–2.5 s per process) are reported separately.

Run: python bench/glossary_match.py   (last line: figures)
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from transloc.glossary import Glossary, Term, load_glossary

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT.parent / "shared" / "corpus" / "text" / "news.de-nuklearpakt.txt"
TERMS = 10_000
BYTES = 1 << 20
SYLLABLES = "ka lo mi ne ru sta ber gen wald hof tur mann dorf ling sch rei bar ko vi lan".split()
FALLBACK = (
    "Der russische Verteidigungsminister Sergej Schoigu traf Kim Jong Un in Pjöngjang. Nach Ansicht von "
    "Experten sollte diese Entwicklung nicht auf die leichte Schulter genommen werden. Das Weiße Haus schlage "
    "bereits Alarm, berichtet der Daily Express. Putins Pläne und Russlands Armee beschäftigen Moskau."
)


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def synthetic_glossary(rng: random.Random) -> Glossary:
    terms = list(load_glossary([ROOT / "glossary"]))
    seen = {t.source for t in terms}
    while len(terms) < TERMS:
        roll = rng.random()
        if roll < 0.2:
            source = f"{word(rng)} {word(rng)}"
        elif roll < 0.3:
            source = f"{word(rng)}-{word(rng)}"
        else:
            source = word(rng)
        if source in seen:
            continue
        seen.add(source)
        terms.append(Term(source, {"en": source.upper()}, "term"))
    return Glossary(terms)


def synthetic_text(rng: random.Random, glossary: Glossary) -> str:
    base = EXAMPLE.read_text(encoding="utf-8") if EXAMPLE.is_file() else FALLBACK
    sources = [t.source for t in glossary.terms]
    parts: list[str] = []
    size = 0
    while size < BYTES:
        words = base.split(" ")
        for _ in range(40):
            i = rng.randrange(len(words))
            term = rng.choice(sources)
            words[i] = term + ("s" if rng.random() < 0.3 else "")
        chunk = " ".join(words)
        if rng.random() < 0.1:
            chunk = chunk.upper()
        parts.append(chunk)
        size += len(chunk.encode("utf-8")) + 2
    text = "\n\n".join(parts).encode("utf-8")[:BYTES].decode("utf-8", "ignore")
    return text


def main() -> int:
    rng = random.Random(20241125)
    glossary = synthetic_glossary(rng)
    text = synthetic_text(rng, glossary)
    started = time.perf_counter()
    matcher = glossary.matcher
    index_seconds = time.perf_counter() - started
    started = time.perf_counter()
    matcher.lemma("Häuser")  # simplemma loads its German dictionary once per process
    load_seconds = time.perf_counter() - started
    started, cpu_started = time.perf_counter(), time.process_time()
    matches = matcher.find(text)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    size = len(text.encode("utf-8"))
    print(f"index built in {index_seconds:.2f} s for {len(glossary)} terms")
    print(f"simplemma dictionary loaded in {load_seconds:.2f} s (once per process)")
    print(f"matched {len(matches)} occurrences in {size} bytes in {seconds:.2f} s ({size / seconds / 1e6:.2f} MB/s)")
    figures = f"seconds={seconds:.2f} cpu_seconds={cpu:.2f} terms={len(glossary)} bytes={size} matches={len(matches)}"
    print(f"{figures} index_seconds={index_seconds:.2f} lemma_load_seconds={load_seconds:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
