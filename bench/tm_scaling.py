"""Does translating one new article stay as fast next to 10,000 catalogs as next to 10?

Builds a synthetic archive under a temporary folder from real corpus sentences: the sentences of the six
reference HTML pages, each catalog 40 of them with a deterministic change (a number, a dropped, swapped
or borrowed word) so that almost every msgid in the archive is distinct, as in a real newsroom; half of
the entries reviewed, half machine drafts (pseudo-localised). The first ten catalogs also hold reviewed
near-variants of a few sentences of the example article, so exact and fuzzy matches are exercised at
every size. Archives of 10, 1,000 and 10,000 catalogs (``locales/en/site/NNN/cNNNNN.po``).

Each size gets its own archive; its first run indexes it once (``first_run_with_indexing_s``). Then
``transloc translate --to en --engine pseudo`` on the example article under a new name is timed as a user
runs it (a fresh process; five runs per size, the sizes taking turns so that load from other processes on
the machine hits all sizes alike; the median). Last line: ``growth=X`` (time at 10,000 / time at 10;
goal ≤ 1.5).

    python bench/tm_scaling.py [--corpus ../shared/corpus] [--sizes 10,1000,10000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib

from transloc.mt.pseudo import PseudoEngine
from transloc.pipeline import load_document, messages

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
PER_CATALOG = 40
RUNS = 5


def corpus_sentences(corpus: Path) -> tuple[list[str], list[str]]:
    """Sentences of the HTML pages (the archive) and of the example article (the new article)."""
    pages = sorted((corpus / "html").glob("*.html"))
    example = corpus / "text" / "news.de-nuklearpakt.txt"
    if not pages or not example.is_file():
        sys.exit(f"bench: corpus not found at {corpus} — pass --corpus DIR")
    archive: list[str] = []
    for page in pages:
        archive += [m.msgid for m in messages(load_document(page)) if len(m.msgid.split()) >= 3]
    article = [m.msgid for m in messages(load_document(example))]
    return list(dict.fromkeys(archive)), article


def vary(sentence: str, rng: random.Random, vocabulary: list[str]) -> str:
    """A distinct but realistic sibling of a sentence: what tomorrow's article might say."""
    words = sentence.split(" ")
    roll = rng.random()
    if re.search(r"\d", sentence) and roll < 0.3:
        return re.sub(r"\d+", lambda m: str(rng.randint(2, 999)), sentence, count=1)
    if len(words) > 4 and roll < 0.55:
        del words[rng.randrange(1, len(words) - 1)]
    elif len(words) > 4 and roll < 0.8:
        i = rng.randrange(1, len(words) - 2)
        words[i], words[i + 1] = words[i + 1], words[i]
    else:
        words.insert(rng.randrange(1, len(words)), rng.choice(vocabulary))
    return " ".join(words)


def write_catalog(path: Path, entries: list[tuple[str, str, bool]]) -> None:
    lines = [
        'msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', '"Language: en_GB\\n"',
        '"X-Generator: bench/tm_scaling.py\\n"', "",
    ]
    for msgid, msgstr, reviewed in entries:
        lines += ["#. block: paragraph"] + ([] if reviewed else ["#. mt: pseudo", "#, fuzzy"])
        lines += [f'msgid "{polib.escape(msgid)}"', f'msgstr "{polib.escape(msgstr)}"', ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


def grow(locales: Path, start: int, stop: int, pool: list[str], seeds: list[tuple[str, str]]) -> None:
    engine = PseudoEngine()
    vocabulary = sorted({w for s in pool for w in s.split() if w.isalpha() and len(w) > 3})
    for i in range(start, stop):
        rng = random.Random(i)
        entries = []
        for sentence in rng.sample(pool, PER_CATALOG):
            msgid = vary(sentence, rng, vocabulary)
            reviewed = rng.random() < 0.5
            entries.append((msgid, engine.translate(msgid).replace("[", "[R:" if reviewed else "["), reviewed))
        if i < 10:
            entries += [(msgid, msgstr, True) for msgid, msgstr in seeds[i::10]]
        write_catalog(locales / "en" / "site" / f"{i // 100:03d}" / f"c{i:05d}.po", entries)


def near_variants(article: list[str]) -> list[tuple[str, str]]:
    """Reviewed translations of slightly different versions of every fifth sentence of the article (fuzzy
    matches), and of the same sentence for every seventh (exact matches)."""
    engine = PseudoEngine()
    out = []
    for n, sentence in enumerate(article):
        words = sentence.split(" ")
        if n % 5 == 0 and len(words) >= 8:
            variant = " ".join(words[:-2] + ["heute", words[-1]])
            out.append((variant, "[R:" + engine.translate(variant)[1:]))
        elif n % 7 == 0:
            out.append((sentence, "[R:" + engine.translate(sentence)[1:]))
    return out


def transloc(*args: str, cwd: Path) -> tuple[float, str]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "transloc", *args], cwd=cwd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"bench: transloc {' '.join(args)} failed: {proc.stderr.strip()}")
    return elapsed, proc.stderr


def translate_new(work: Path, stem: str, example: Path) -> tuple[float, str]:
    """One run on the article under a new name; its catalog is removed afterwards, so every timed run
    finds the same archive and does the same work (no exact matches from the previous run)."""
    shutil.copy(example, work / f"{stem}.txt")
    result = transloc("translate", "--to", "en", "--engine", "pseudo", f"{stem}.txt", cwd=work)
    for made in (work / "locales" / "en" / f"{stem}.po", work / f"{stem}.txt"):
        made.unlink()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sizes", default="10,1000,10000")
    parser.add_argument("--runs", type=int, default=RUNS, help="timed runs per size, taking turns across sizes")
    parser.add_argument("--keep", type=Path, help="build the archives here and keep them")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    pool, article = corpus_sentences(args.corpus)
    seeds = near_variants(article)
    work = args.keep or Path(tempfile.mkdtemp(prefix="tm-scaling-"))
    example = args.corpus / "text" / "news.de-nuklearpakt.txt"
    print(f"corpus: {len(pool)} archive sentences from {args.corpus}/html, new article: {example.name} "
          f"({len(article)} sentences); {PER_CATALOG} entries per catalog", file=sys.stderr)
    runs: dict[int, list[float]] = {size: [] for size in sizes}
    notes: dict[int, str] = {}
    try:
        for size in sizes:  # one archive per size: the timed runs can take turns, so machine load hits all alike
            start = time.perf_counter()
            grow(work / str(size) / "locales", 0, size, pool, seeds)
            generate = time.perf_counter() - start
            index, _ = translate_new(work / str(size), "first", example)
            db = work / str(size) / "locales" / ".tm" / "memory.sqlite3"
            notes[size] = (
                f"first_run_with_indexing_s={index:.2f} generate_s={generate:.1f} db_mb={db.stat().st_size / 1e6:.1f}"
            )
        summary = ""
        for run in range(args.runs):
            for size in sizes:
                elapsed, err = translate_new(work / str(size), f"new-{run}", example)
                runs[size].append(elapsed)
                summary = err.strip().splitlines()[-1]
        for size in sizes:
            print(f"catalogs={size} translate_s={statistics.median(runs[size]):.2f} "
                  f"(runs {' '.join(f'{r:.2f}' for r in runs[size])}) {notes[size]} [{summary}]")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"growth={statistics.median(runs[sizes[-1]]) / statistics.median(runs[sizes[0]]):.2f}")


if __name__ == "__main__":
    main()
