"""Throughput of the ways to run the same Argos-shaped model on German news sentences.

1. ``argostranslate.translate.translate`` once per sentence (how Argos is normally used),
2. raw ``ctranslate2.Translator.translate_batch`` on length-sorted batches,
3. transloc's argos engine through its public API (``transloc.mt.create_engine``) with its defaults,
4. the same engine with hand-tuned thread and batch settings, to check that the defaults are as good,
5. the defaults without and with per-sentence confidence (``translate_scored``), on one engine in pairs;
   ``confidence_cost_pct`` is the throughput the confidence costs.

The model has random weights but the shape of Argos's de→en package (Transformer-base: 6+6 layers,
d_model 512, 8 heads, FFN 2048, int8). Every path gets the same beam and the same output cap
(``int(1.5 × source tokens) + 10``), because random weights hardly ever emit ``</s>``. Peak RSS of a
separate process translating with transloc's defaults is measured too. The last line holds the figures:
``ratio_vs_argos=X ratio_vs_ct2=Y default_vs_best=Z`` (Z: defaults ÷ the best hand-tuned configuration).

    python bench/mt_throughput.py [--sentences 200] [--beam 4] [--threads CORES]

transloc itself needs no torch, but path 1 is argostranslate's own translate module, which imports
stanza and torch. Without them the bench skips path 1 (``ratio_vs_argos=nan``). To measure it, use a
separate virtual environment, never transloc's own (``pip`` must take the CPU build of torch)::

    python3 -m venv /tmp/venv-argos && . /tmp/venv-argos/bin/activate
    pip install torch==2.13.0+cpu   # the CPU-only wheel (pin it: the default Linux wheel is the CUDA one)
    pip install -c <(echo torch==2.13.0+cpu) 'argostranslate>=1.11,<2' -e .
    python bench/mt_throughput.py
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
CACHE = ROOT / "bench" / ".cache"
sys.path.insert(0, str(ROOT / "tests"))

LENGTH_RATIO, LENGTH_EXTRA = 1.5, 10


def cap(n: int) -> int:
    return int(n * LENGTH_RATIO) + LENGTH_EXTRA


def corpus_text() -> str:
    """Visible text of every corpus article (paragraphs of the HTML pages, the plain-text export)."""
    from bs4 import BeautifulSoup

    if not CORPUS.is_dir():
        sys.exit(f"bench: corpus not found at {CORPUS} (the shared/ folder must sit beside the checkout)")
    parts = [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "text").glob("*.txt"))]
    for page in sorted((CORPUS / "html").glob("*.html")):
        soup = BeautifulSoup(page.read_bytes(), "html.parser")
        parts += [p.get_text(" ", strip=True) for p in soup.find_all(["p", "h1", "h2", "li", "figcaption"])]
    return "\n".join(parts)


def news_sentences(text: str, count: int) -> list[str]:
    """Sentences of 8–45 words; repeated with small variations (word dropped or swapped) to reach count."""
    candidates = re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ\"„])", re.sub(r"\s+", " ", text))
    pool = [s.strip() for s in candidates if 8 <= len(s.split()) <= 45 and not re.search(r"https?://|[{}<>]", s)]
    rng = random.Random(1)
    out = list(pool[:count])
    while len(out) < count:
        words = rng.choice(pool).split()
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
        out.append(" ".join(words))
    return out


def build_model(text: str, vocab: int) -> Path:
    """The Argos-shaped random-weight package, built once and cached in bench/.cache/."""
    from tinymodel import ModelShape, cached_package

    lines = [line for line in text.splitlines() if len(line) > 20]
    shape = ModelShape(layers=(6, 6), heads=8, d_model=512, ffn=2048, quantization="int8", pad_vocab_to=vocab)
    started = time.perf_counter()
    path = cached_package(CACHE, "translate-de_en-1_9.argosmodel", shape=shape, lines=lines, vocab_size=16000)
    took = time.perf_counter() - started
    if took > 1:
        print(f"built bench model in {took:.0f} s: {path}")
    return path


Runner = Callable[[list[str]], None]


def argos_runner() -> Runner | None:
    """argostranslate one sentence per call, with its splitter replaced (it would download MiniSBD)."""
    import ctranslate2

    try:
        from argostranslate import translate as argos_translate
    except ImportError as exc:
        print(f"argostranslate's translate path is not importable here ({exc}): skipped, see the docstring")
        return None

    class OneSentence:
        def __init__(self, pkg: object) -> None:
            pass

        def split_sentences(self, text: str) -> list[str]:
            return [text]

    class CappedTranslator:
        """Argos passes no max_decoding_length; give it the same cap as the other paths."""

        def __init__(self, *args: object, **kwargs: object) -> None:
            self.inner = ctranslate2.Translator(*args, **kwargs)

        def translate_batch(self, batch: list[list[str]], **kwargs: object) -> object:
            kwargs["max_decoding_length"] = cap(max(len(t) for t in batch))
            return self.inner.translate_batch(batch, **kwargs)

    argos_translate.MiniSBDSentencizer = OneSentence
    argos_translate.ctranslate2 = type("ct2", (), {"Translator": CappedTranslator})

    def run(sentences: list[str]) -> None:
        for sentence in sentences:
            argos_translate.translate(sentence, "de", "en")

    return run


def ct2_runner(package_dir: Path, beam: int, threads: int, batch: int) -> Runner:
    """Plain CTranslate2: fixed chunks of ``batch`` length-sorted sentences, each capped by its longest."""
    import ctranslate2
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(package_dir / "sentencepiece.model"))
    translator = ctranslate2.Translator(str(package_dir / "model"), intra_threads=threads, compute_type="auto")

    def run(sentences: list[str]) -> None:
        tokens = [sp.encode(s, out_type=str) for s in sentences]
        order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
        outputs: list[str] = [""] * len(tokens)
        for start in range(0, len(order), batch):
            chunk = order[start : start + batch]
            results = translator.translate_batch(
                [tokens[i] for i in chunk],
                beam_size=beam,
                max_decoding_length=cap(max(len(tokens[i]) for i in chunk)),
                length_penalty=0.2,
                replace_unknowns=True,
            )
            for i, result in zip(chunk, results, strict=True):
                outputs[i] = sp.decode_pieces(result.hypotheses[0][: cap(len(tokens[i]))])

    return run


def transloc_runner(beam: int, **options: int) -> Runner:
    """transloc's engine; no options but the beam means the defaults transloc picks for this machine."""
    from transloc.mt import create_engine

    engine = create_engine("argos", "de", "en", beam_size=beam, **options)

    def run(sentences: list[str]) -> None:
        assert len(engine.translate_batch(sentences)) == len(sentences)

    return run


def confidence_cost(beam: int, sentences: list[str], rounds: int) -> tuple[float, float]:
    """Sentences per CPU-second of one engine (transloc's defaults) without and with confidence, measured in
    pairs: on each block the two calls run back to back, in alternating order, so warm caches favour
    neither. CPU time of this process (all its threads), not wall time, so other processes on a shared
    machine do not drown a difference of a few per cent. The outputs must be identical (scores do not
    change the search)."""
    from transloc.mt import create_engine

    engine = create_engine("argos", "de", "en", beam_size=beam)
    engine.translate_scored(sentences[:1])
    spent = {"plain": 0.0, "scored": 0.0}
    size = -(-len(sentences) // (2 * rounds))
    for number, start in enumerate(range(0, len(sentences), size)):
        block = sentences[start : start + size]
        outputs: dict[str, list[str]] = {}
        for kind in ("plain", "scored") if number % 2 == 0 else ("scored", "plain"):
            began = time.process_time()
            if kind == "plain":
                outputs[kind] = engine.translate_batch(block)
            else:
                outputs[kind] = [text for text, value in engine.translate_scored(block) if value is not None]
            spent[kind] += time.process_time() - began
        assert outputs["plain"] == outputs["scored"], "asking for scores changed the translations"
    return len(sentences) / spent["plain"], len(sentences) / spent["scored"]


def measure(runners: dict[str, Runner], sentences: list[str], rounds: int) -> dict[str, float]:
    """Sentences/s per path. The paths take turns on each block of sentences, so load from other
    processes on a shared machine slows them alike instead of skewing the ratios."""
    for run in runners.values():
        run(sentences[:1])  # load models outside the timing
    spent = dict.fromkeys(runners, 0.0)
    size = -(-len(sentences) // rounds)
    for start in range(0, len(sentences), size):
        block = sentences[start : start + size]
        for name, run in runners.items():
            began = time.perf_counter()
            run(block)
            spent[name] += time.perf_counter() - began
    return {name: len(sentences) / seconds for name, seconds in spent.items()}


def rss_child(args: argparse.Namespace) -> None:
    """In a fresh process: load the engine, translate everything, print peak RSS in MB."""
    sentences = Path(args.rss_child).read_text(encoding="utf-8").splitlines()
    transloc_runner(args.beam)(sentences)
    # VmHWM, not ru_maxrss: Linux carries the parent's high-water mark into ru_maxrss across fork+exec.
    status = Path("/proc/self/status").read_text()
    print(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2, help="cores the tuned paths may use")
    parser.add_argument("--batch-size", type=int, default=32, help="max sentences per batch (raw ctranslate2)")
    parser.add_argument("--vocab", type=int, default=50000, help="model vocabulary size (Argos: ~50k)")
    parser.add_argument("--rounds", type=int, default=4, help="blocks the paths take turns on")
    parser.add_argument("--skip-argos", action="store_true")
    parser.add_argument("--rss-child", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_child:
        return rss_child(args)

    text = corpus_text()
    sentences = news_sentences(text, args.sentences)
    package = build_model(text, args.vocab)

    with tempfile.TemporaryDirectory(prefix="transloc-bench-") as tmp:
        # Argos reads its settings once, at first import: set them before anything imports it.
        env = {name: str(Path(tmp) / name.lower()) for name in ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")}
        env.update(
            ARGOS_PACKAGES_DIR=str(Path(tmp) / "packages"),
            ARGOS_PACKAGE_INDEX="http://127.0.0.1:9/",
            ARGOS_BEAM_SIZE=str(args.beam),
            ARGOS_INTRA_THREADS=str(args.threads),
            ARGOS_INTER_THREADS="1",
            XDG_CONFIG_HOME=str(Path(tmp) / "config"),
        )
        os.environ.update(env)
        from transloc.mt import models

        pkg = models.install_file(package, models.ArgosPaths.resolve())
        import sentencepiece

        sp = sentencepiece.SentencePieceProcessor(model_file=str(pkg.package_path / "sentencepiece.model"))
        vocab = sp.get_piece_size()
        tokens = [len(sp.encode(s)) for s in sentences]
        print(
            f"model: 6+6 layers, d_model 512, 8 heads, FFN 2048, int8, vocabulary {args.vocab} "
            f"(SentencePiece {vocab} trained on the corpus + {args.vocab - vocab} padding tokens)"
        )
        print(
            f"input: {len(sentences)} sentences, {sum(tokens) / len(tokens):.1f} tokens on average; "
            f"beam {args.beam}, {args.threads} cores, cap int({LENGTH_RATIO}×n)+{LENGTH_EXTRA}"
        )
        from transloc.mt.argos import available_cores, thread_plan

        inter, intra = thread_plan(available_cores())
        print(f"transloc defaults here: inter_threads={inter} intra_threads={intra}, batches of ≤ 32 sentences")
        # Argos has read its thread settings by now; transloc must not see them, or they would replace its defaults.
        argos = None if args.skip_argos else argos_runner()
        for name in ("ARGOS_INTRA_THREADS", "ARGOS_INTER_THREADS"):
            os.environ.pop(name, None)
            env.pop(name)
        runners = {
            f"ctranslate2, intra {args.threads}, batches of {args.batch_size}": ct2_runner(
                pkg.package_path, args.beam, args.threads, args.batch_size
            ),
            "transloc defaults": transloc_runner(args.beam),
        }
        tuned = {
            f"transloc inter {i} intra {j}, batches of {b}": {"inter_threads": i, "intra_threads": j, "batch_size": b}
            for i, j, b in tuned_configs(args.threads)
        }
        runners.update({name: transloc_runner(args.beam, **options) for name, options in tuned.items()})
        if argos is not None:
            runners["argostranslate one sentence/call"] = argos
        speed = measure(runners, sentences, args.rounds)
        for name, value in speed.items():
            print(f"{name + ':':<48} {value:6.2f} sentences/s")
        plain, scored = confidence_cost(args.beam, sentences, args.rounds)
        listing = Path(tmp) / "sentences.txt"
        listing.write_text("\n".join(sentences), encoding="utf-8")
        child = subprocess.run(
            [sys.executable, __file__, *sys.argv[1:], "--rss-child", str(listing)],
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            check=True,
        )
        rss = float(child.stdout.strip().splitlines()[-1])
        print(f"transloc peak RSS (separate process, load + translate {len(sentences)}): {rss:.0f} MB")
    ct2, ours = list(speed.values())[:2]
    best_name = max(tuned, key=lambda name: speed[name])
    print(f"best hand-tuned: {best_name}")
    argos_speed = speed.get("argostranslate one sentence/call", float("nan"))
    print(
        f"confidence_sentences_per_cpu_s={scored:.2f} no_confidence_sentences_per_cpu_s={plain:.2f} "
        f"confidence_cost_pct={100 * (plain - scored) / plain:.1f}"
    )
    print(
        f"ratio_vs_argos={ours / argos_speed:.2f} ratio_vs_ct2={ours / ct2:.2f} "
        f"default_vs_best={ours / speed[best_name]:.2f} peak_rss_mb={rss:.0f}"
    )


def tuned_configs(cores: int) -> list[tuple[int, int, int]]:
    """(inter_threads, intra_threads, batch_size) a person tuning by hand would try on this many cores."""
    configs = [(1, cores, 32)]
    if cores > 1:
        configs += [(cores, 1, 16), (cores, 1, 32), (cores, 1, 64)]
    if cores >= 4:
        configs += [(cores // 2, 2, 32)]
    return configs


if __name__ == "__main__":
    main()
