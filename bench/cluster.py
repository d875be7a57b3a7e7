"""Cost of the cluster path on one machine: the same sentences in-process and through a Dask LocalCluster.

The sentences are cut into articles of 25 (about the newsroom's 700 tokens); each article is one engine
call, as ``transloc translate`` makes it (up to ``batch_size`` = 64 sentences per call). Both sides run
transloc's real code: in-process, the argos engine with its defaults (every core), one article after the
other; on the cluster, :class:`transloc.scale.ClusterEngine` with every article's batch sent ahead to a
LocalCluster of 2 worker processes × 1 thread (the same two cores, one model replica per worker). Model loading is
outside the timing on both sides; the two take turns on blocks of sentences, so load from other
processes on a shared machine hits both alike. The model is bench/mt_throughput.py's Argos-shaped
random-weight de→en model (6+6 layers, d_model 512, int8, 50k vocabulary), 200 news sentences, beam 4.

Prints throughput per side, per worker (sentences and source tokens per second) and, last,
``cluster_overhead=X`` (in-process throughput ÷ cluster throughput; goal ≤ 1.15).

    pip install -e '.[cluster]' && python bench/cluster.py [--sentences 200] [--rounds 4]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mt_throughput as shared  # noqa: E402 - the same corpus sentences and model as the throughput bench

ARTICLE = 25  # sentences in an article of ~700 tokens: one engine call each (the pipeline's batch_size is 64)


def batches(sentences: list[str]) -> list[list[str]]:
    return [sentences[i : i + ARTICLE] for i in range(0, len(sentences), ARTICLE)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=4, help="blocks the two sides take turns on")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    text = shared.corpus_text()
    sentences = shared.news_sentences(text, args.sentences)
    package = shared.build_model(text, 50000)
    with tempfile.TemporaryDirectory(prefix="transloc-bench-cluster-") as tmp:
        os.environ.update({name: str(Path(tmp) / name.lower()) for name in ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")})
        os.environ.update(ARGOS_PACKAGES_DIR=str(Path(tmp) / "packages"), ARGOS_PACKAGE_INDEX="http://127.0.0.1:9/")
        for name in ("ARGOS_INTRA_THREADS", "ARGOS_INTER_THREADS", "ARGOS_BEAM_SIZE"):
            os.environ.pop(name, None)
        from distributed import LocalCluster

        from transloc.mt import create_engine, models
        from transloc.scale import connect

        pkg = models.install_file(package, models.ArgosPaths.resolve())
        import sentencepiece

        sp = sentencepiece.SentencePieceProcessor(model_file=str(pkg.package_path / "sentencepiece.model"))
        tokens = sum(len(sp.encode(s)) for s in sentences)
        local = create_engine("argos", "de", "en", beam_size=args.beam)
        print(f"input: {len(sentences)} sentences, {tokens} source tokens, beam {args.beam}, articles of {ARTICLE}")
        print(f"in-process: inter_threads={local.inter_threads} intra_threads={local.intra_threads}")  # type: ignore[attr-defined]
        with LocalCluster(
            n_workers=args.workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0"
        ) as cluster:
            remote = connect(cluster.scheduler_address)
            try:
                engine = remote.engine("argos", "en", {"beam_size": args.beam})  # loads the model on each worker
                local.translate_batch(sentences[:1])
                size = -(-len(sentences) // args.rounds)
                spent = {"in-process": 0.0, "cluster": 0.0}
                for start in range(0, len(sentences), size):
                    block = batches(sentences[start : start + size])
                    began = time.perf_counter()
                    for batch in block:
                        local.translate_batch(batch)
                    spent["in-process"] += time.perf_counter() - began
                    began = time.perf_counter()
                    engine.send_ahead(block)
                    for batch in block:
                        engine.translate_batch(batch)
                    spent["cluster"] += time.perf_counter() - began
            finally:
                remote.close()
    speed = {name: len(sentences) / seconds for name, seconds in spent.items()}
    print(f"in-process (every core):               {speed['in-process']:6.2f} sentences/s")
    print(f"LocalCluster ({args.workers} workers × 1 thread):     {speed['cluster']:6.2f} sentences/s")
    per_worker = speed["cluster"] / args.workers
    print(f"per worker (1 thread): {per_worker:.2f} sentences/s, {per_worker * tokens / len(sentences):.0f} tokens/s")
    print(f"cluster_overhead={speed['in-process'] / speed['cluster']:.2f}")


if __name__ == "__main__":
    main()
