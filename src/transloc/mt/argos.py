"""Argos Translate models run directly through CTranslate2 and SentencePiece.

``argostranslate.translate`` translates one sentence per call, splits sentences again with a model it
may download, loads torch/spaCy/stanza and turns ``_`` into spaces. transloc's segments are already
sentences, so this engine loads the package's CTranslate2 model once and translates length-sorted
batches, which is several times faster at the same beam size.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..errors import TranslocError
from ..report import Reporter
from . import models
from .argos_layout import PackageMeta

LENGTH_PENALTY = 0.2
"""Beam search ranks hypotheses by ``sum log p / length ** 0.2`` (mildly favours longer outputs)."""

def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        raise TranslocError(f"{name} must be a whole number", hint=f"unset it or use e.g. {default}") from None


def _option(name: str, value: object, minimum: int = 1) -> int:
    """Engine options also come from transloc.toml's [argos] table, so check them like user input."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise TranslocError(f"argos option {name} must be a whole number ≥ {minimum}, not {value!r}")
    return value


MAX_REPLICAS = 4
"""Most model replicas the default plan runs side by side; past that, cores go to threads inside each."""


def available_cores() -> int:
    """Cores this process may run on (CPU affinity and container limits included where the OS says so)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def thread_plan(cores: int, inter: int | None = None, intra: int | None = None) -> tuple[int, int]:
    """``(inter_threads, intra_threads)`` for a CPU: what is set wins, the rest comes from the core count.

    transloc hands CTranslate2 many length-sorted batches at once, so whole batches side by side (one
    replica per core, one thread each; replicas share the weights) keep every core busy, where threads
    inside one beam-search batch wait on each other: about 2× the throughput of ``intra_threads = all``
    on 2 cores at beam 4 (``bench/mt_throughput.py``). Past ``MAX_REPLICAS`` the extra cores go to
    threads inside each replica, which bounds the memory of the replicas' batch state.
    """
    if inter is None and intra is None:
        inter = min(cores, MAX_REPLICAS)
        return inter, max(1, cores // inter)
    if inter is None:
        inter = max(1, cores // intra) if intra else 1
    return inter, intra if intra is not None else max(1, cores // inter)


class _Step:
    """One installed package: its tokenizer and its CTranslate2 translator, loaded once."""

    def __init__(
        self, pkg: PackageMeta, *, device: str, compute_type: str, inter_threads: int, intra_threads: int
    ) -> None:
        import ctranslate2
        import sentencepiece

        self.package = pkg
        if pkg.package_path is None:
            raise TranslocError(f"{pkg.name} is an index entry, not an installed package", hint="install it first")
        root = Path(pkg.package_path)
        sp_model = root / "sentencepiece.model"
        if not sp_model.is_file():
            raise TranslocError(
                "package has no sentencepiece.model (BPE packages are not supported)",
                root,
                "install a current package with `transloc models install`",
            )
        try:
            self.tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(sp_model))
            self.translator = ctranslate2.Translator(
                str(root / "model"),
                device=device,
                compute_type=compute_type,
                inter_threads=inter_threads,
                intra_threads=intra_threads,
            )
        except (RuntimeError, OSError, ValueError) as exc:
            raise TranslocError(
                f"cannot load Argos model ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})",
                root,
                "reinstall it with `transloc models install`",
            ) from None
        prefix = getattr(pkg, "target_prefix", "") or ""
        self.target_prefix: list[str] = self.tokenizer.encode(prefix, out_type=str) if prefix else []
        if prefix and self.tokenizer.piece_to_id(prefix) != self.tokenizer.unk_id():
            self.target_prefix = [prefix]

    def encode(self, texts: list[str]) -> list[list[str]]:
        return [self.tokenizer.encode(text, out_type=str) for text in texts]

    def decode(self, pieces: list[str]) -> str:
        """SentencePiece's own decoder: ``▁`` becomes a space, byte pieces become characters, and ``_``
        stays an underscore (Argos replaces it with a space, breaking ``snake_case`` and URLs)."""
        text: str = self.tokenizer.decode_pieces(pieces)
        return text.replace("\u2581", " ").strip()  # pieces unknown to the tokenizer come back verbatim


def _threads(device: str, inter: int | None, intra: int | None) -> tuple[int, int]:
    """``(inter_threads, intra_threads)``: the options, else ``ARGOS_*_THREADS``, else planned from the cores."""
    if inter is None and "ARGOS_INTER_THREADS" in os.environ:
        inter = _env_int("ARGOS_INTER_THREADS", 1)
    if intra is None and "ARGOS_INTRA_THREADS" in os.environ:
        intra = _env_int("ARGOS_INTRA_THREADS", 0)
    if device == "cpu":
        inter, intra = thread_plan(available_cores(), inter, intra)
    return (inter if inter is not None else 1), (intra if intra is not None else 0)


class ArgosEngine:
    """Translate plain sentences with an installed Argos package (or two, pivoting via English).

    Unset thread options are planned from the cores (:func:`thread_plan`); ``lanes`` (default: the
    replicas, ``inter_threads``) is how many batches the work is shared out over, so a cluster worker
    given the client's ``lanes`` cuts exactly the batches an in-process run would.
    """

    name = "argos"
    keeps_placeholders = False

    def __init__(
        self,
        source: str = "de",
        target: str = "en",
        *,
        beam_size: int | None = None,
        batch_size: int = 32,
        batch_tokens: int = 512,
        inter_threads: int | None = None,
        intra_threads: int | None = None,
        compute_type: str | None = None,
        device: str | None = None,
        length_ratio: float = 1.5,
        length_extra: int = 10,
        packages_dir: str | Path | None = None,
        index_url: str | None = None,
        auto_install: bool = True,
        lanes: int | None = None,
        reporter: Reporter | None = None,
        **unknown: object,
    ) -> None:
        if unknown:
            raise TranslocError(
                f"unknown argos option {', '.join(sorted(unknown))}",
                hint="known: beam_size, batch_size, batch_tokens, inter_threads, intra_threads, lanes, "
                "compute_type, device, length_ratio, length_extra",
            )
        if isinstance(length_ratio, bool) or not isinstance(length_ratio, int | float) or length_ratio <= 0:
            raise TranslocError(f"argos option length_ratio must be a positive number, not {length_ratio!r}")
        self.source = source
        self.target = target
        self.beam_size = _option("beam_size", beam_size if beam_size is not None else _env_int("ARGOS_BEAM_SIZE", 4))
        self.batch_size = _option("batch_size", batch_size)
        self.batch_tokens = _option("batch_tokens", batch_tokens)
        self.length_ratio = float(length_ratio)
        self.length_extra = _option("length_extra", length_extra, 0)
        if inter_threads is not None:
            _option("inter_threads", inter_threads)
        if intra_threads is not None:
            _option("intra_threads", intra_threads, 0)
        paths = models.ArgosPaths.resolve(packages_dir, index_url)
        route = models.ensure_route(source, target, paths, auto_install=auto_install, reporter=reporter)
        device = device or os.environ.get("ARGOS_DEVICE_TYPE", "cpu")
        self.inter_threads, self.intra_threads = _threads(device, inter_threads, intra_threads)
        self.lanes = _option("lanes", lanes) if lanes is not None else self.inter_threads
        self.steps = [
            _Step(
                pkg,
                device=device,
                compute_type=compute_type or os.environ.get("ARGOS_COMPUTE_TYPE", "auto"),
                inter_threads=self.inter_threads,
                intra_threads=self.intra_threads,
            )
            for pkg in route
        ]

    @property
    def label(self) -> str:
        if len(self.steps) == 1:
            return f"argos {models.describe(self.steps[0].package)}"
        legs = [f"{s.package.from_code}→{s.package.to_code} {s.package.package_version}" for s in self.steps]
        return "argos " + " + ".join(legs)

    def cap(self, source_tokens: int) -> int:
        """Longest output allowed for a source of this many tokens (random or broken models never stop)."""
        return int(source_tokens * self.length_ratio) + self.length_extra

    def translate_batch(self, texts: list[str]) -> list[str]:
        return [text for text, _ in self._translate(texts, scores=False)]

    def translate_scored(self, texts: list[str]) -> list[tuple[str, float | None]]:
        """Translations with a confidence each (see :mod:`transloc.review.confidence`); blank inputs get None."""
        return self._translate(texts, scores=True)

    def _translate(self, texts: list[str], *, scores: bool) -> list[tuple[str, float | None]]:
        from ..review.confidence import confidence

        results: list[tuple[str, float | None]] = [(text, None) for text in texts]
        todo = [i for i, text in enumerate(texts) if text.strip()]
        current = [texts[i] for i in todo]
        logprobs: list[list[float]] = [[] for _ in todo]
        for step in self.steps:
            tokens, means = self._decode(step, step.encode(current), scores=scores)
            current = [step.decode(pieces) for pieces in tokens]
            for per_leg, mean in zip(logprobs, means, strict=True):
                per_leg.append(mean)
        for i, text, legs in zip(todo, current, logprobs, strict=True):
            results[i] = (text, confidence(legs) if scores else None)
        return results

    def _chunks(self, sources: list[list[str]]) -> list[list[int]]:
        """Indices in length order, cut into batches of at most ``batch_size`` sentences and
        ``batch_tokens`` padded source tokens: similar lengths waste no padding, and the token bound
        keeps memory flat when sentences are long (beam search state grows with batch × length).

        The amount of work sets the batch size below that bound: the sentences are shared out evenly
        over a multiple of ``lanes`` batches (the replicas running side by side), so a short article
        still keeps every replica busy and no replica waits on a last, nearly empty batch. Batches
        depend on the sentences and the options only, never on timing, so every run (in-process or on
        a cluster) hands the model the same batches and gets the same output.
        """
        order = sorted(range(len(sources)), key=lambda i: len(sources[i]))
        count = -(-len(order) // self.batch_size)
        count = -(-count // self.lanes) * self.lanes
        size = max(1, -(-len(order) // max(count, 1)))
        chunks: list[list[int]] = []
        current: list[int] = []
        for i in order:
            longest = max(len(sources[i]), 1)
            if current and (len(current) >= size or (len(current) + 1) * longest > self.batch_tokens):
                chunks.append(current)
                current = []
            current.append(i)
        if current:
            chunks.append(current)
        return chunks

    def translate_tokens(self, step: _Step, sources: list[list[str]]) -> list[list[str]]:
        """Translate tokenised sentences in length-sorted batches; outputs come back in input order."""
        return self._decode(step, sources, scores=False)[0]

    def _decode(self, step: _Step, sources: list[list[str]], *, scores: bool) -> tuple[list[list[str]], list[float]]:
        """Output pieces in input order and, with ``scores``, each hypothesis's mean token log-probability
        (0.0 without): CTranslate2 computes the score during beam search anyway, so asking costs little."""
        from ..review.confidence import mean_logprob

        outputs: list[list[str]] = [[] for _ in sources]
        means: list[float] = [0.0 for _ in sources]
        prefix = step.target_prefix
        # With inter_threads > 1 CTranslate2 runs that many batches at once: submit all, then collect.
        parallel = self.inter_threads > 1
        submitted = []
        for chunk in self._chunks(sources):
            batch = [sources[i] for i in chunk]
            longest = max(len(tokens) for tokens in batch)
            limit = self.cap(longest) + len(prefix)
            results = step.translator.translate_batch(
                batch,
                target_prefix=[prefix] * len(batch) if prefix else None,
                beam_size=self.beam_size,
                max_batch_size=self.batch_size,
                max_decoding_length=limit,
                length_penalty=LENGTH_PENALTY,
                replace_unknowns=True,
                return_scores=scores,
                asynchronous=parallel,
            )
            submitted.append((chunk, limit, results))
        for chunk, limit, results in submitted:
            for i, result in zip(chunk, results, strict=True):
                found = result.result() if parallel else result
                pieces = found.hypotheses[0]
                if scores:
                    means[i] = mean_logprob(
                        found.scores[0], len(pieces), LENGTH_PENALTY, prefix=len(prefix), ended=len(pieces) < limit
                    )
                if prefix and pieces[: len(prefix)] == prefix:
                    pieces = pieces[len(prefix) :]
                outputs[i] = pieces[: self.cap(len(sources[i]))]
        return outputs, means


def _main() -> None:  # pragma: no cover - manual smoke test: python -m transloc.mt.argos de en "Satz."
    engine = ArgosEngine(sys.argv[1], sys.argv[2])
    print(engine.label)
    for line in engine.translate_batch(sys.argv[3:]):
        print(line)


if __name__ == "__main__":  # pragma: no cover
    _main()
