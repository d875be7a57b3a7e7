"""Build small but real Argos packages (.argosmodel) for tests and benchmarks.

No pretrained weights are needed: a SentencePiece model is trained on generated German/English lines
and a CTranslate2 Transformer is filled with seeded random weights. The result loads and runs through
exactly the code paths a real Argos package does, which is what the MT tests need; the translations are
gibberish. Random weights never pick ``</s>`` reliably, so callers must bound the decoding length.
"""

from __future__ import annotations

import io
import json
import random
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_DE = (
    "der die das und nicht mit von auf für ist im dem den sich ein eine einen sagte Regierung Minister Kanzler "
    "Russland Nordkorea Ukraine Berlin Moskau Washington Experten warnen Konsequenzen Atompakt Abkommen Bericht "
    "Geheimdienst Sicherheit Verteidigung Militär Parade Waffen Zusammenarbeit Präsident Wahl Partei Bundestag "
    "heute gestern Woche Jahr Monat Millionen Euro Prozent Stadt Land Polizei Gericht Urteil Klage Bürger "
    "Schule Kinder Lehrer Wirtschaft Unternehmen Arbeit Preise Energie Strom Gas Klima Wetter Sturm Regen"
).split()
_EN = (
    "the and not with of on for is in a an said government minister chancellor Russia North Korea Ukraine "
    "Berlin Moscow Washington experts warn consequences nuclear pact agreement report intelligence security "
    "defence military parade weapons cooperation president election party parliament today yesterday week "
    "year month million euros percent city country police court ruling lawsuit citizens school children "
    "teachers economy companies work prices energy electricity gas climate weather storm rain snake_case"
).split()


@dataclass(frozen=True)
class ModelShape:
    """Transformer dimensions; the defaults make a model of a few hundred kilobytes."""

    layers: tuple[int, int] = (2, 2)
    heads: int = 4
    d_model: int = 32
    ffn: int = 64
    quantization: str | None = None
    pad_vocab_to: int = 0
    """Append dummy tokens to the CTranslate2 vocabulary up to this size (benchmarks: real vocab size)."""


def training_lines(count: int = 400, seed: int = 7) -> list[str]:
    """Generated German and English sentences, enough for a SentencePiece vocabulary of a few hundred."""
    rng = random.Random(seed)
    lines = []
    for i in range(count):
        words = _DE if i % 2 == 0 else _EN
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(4, 14)))
        lines.append(sentence[0].upper() + sentence[1:] + rng.choice([".", "?", "!", ","]))
    return lines


def train_sentencepiece(lines: Iterable[str], vocab_size: int, user_symbols: Iterable[str] = ()) -> bytes:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(list(lines)),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        user_defined_symbols=list(user_symbols),
        num_threads=2,
        minloglevel=2,
    )
    return model.getvalue()


def _fill_spec(spec: object, vocab_size: int, shape: ModelShape, rng: object, bad_ids: list[int]) -> None:
    """Give every required weight of a TransformerSpec a small random value of the right shape."""
    import numpy as np

    d, f = shape.d_model, shape.ffn

    def rand(*dims: int) -> np.ndarray:
        return (rng.standard_normal(dims) * 0.1).astype(np.float32)

    def norm(ln: object) -> None:
        ln.gamma = np.ones(d, dtype=np.float32)
        ln.beta = np.zeros(d, dtype=np.float32)

    def linear(lin: object, rows: int, cols: int) -> None:
        lin.weight = rand(rows, cols)
        lin.bias = np.zeros(rows, dtype=np.float32)

    embeddings = rand(vocab_size, d)
    spec.encoder.embeddings[0].weight = embeddings
    spec.decoder.embeddings.weight = embeddings  # tied, as in Argos models
    spec.decoder.projection.weight = embeddings
    bias = np.zeros(vocab_size, dtype=np.float32)
    bias[bad_ids] = -1e4  # random weights must not loop on <unk>/<s>
    spec.decoder.projection.bias = bias
    norm(spec.encoder.layer_norm)
    norm(spec.decoder.layer_norm)
    for layer in spec.encoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d)
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, f, d)
        linear(layer.ffn.linear_1, d, f)
    for layer in spec.decoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], d, d)
        linear(layer.attention.linear[1], 2 * d, d)
        linear(layer.attention.linear[2], d, d)
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, f, d)
        linear(layer.ffn.linear_1, d, f)


def write_ct2_model(out_dir: Path, vocabulary: list[str], shape: ModelShape, seed: int = 0) -> None:
    """Convert a random-weight Transformer with this vocabulary into a CTranslate2 model folder."""
    import ctranslate2
    import numpy as np

    spec = ctranslate2.specs.TransformerSpec.from_config(shape.layers, shape.heads)
    index = {token: i for i, token in enumerate(vocabulary)}
    bad = [index[t] for t in ("<unk>", "<s>") if t in index]
    _fill_spec(spec, len(vocabulary), shape, np.random.default_rng(seed), bad)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)

    class _SpecConverter(ctranslate2.converters.Converter):
        def _load(self) -> object:
            return spec

    _SpecConverter().convert(str(out_dir), quantization=shape.quantization, force=True)


def build_package(
    dest: Path,
    *,
    from_code: str = "de",
    to_code: str = "en",
    version: str = "1.9",
    shape: ModelShape | None = None,
    lines: list[str] | None = None,
    vocab_size: int = 300,
    target_prefix: str | None = None,
    seed: int = 0,
    extra_metadata: dict | None = None,
) -> Path:
    """Write ``dest`` (an .argosmodel zip with one top-level folder) and return it."""
    import sentencepiece as spm

    shape = shape or ModelShape()
    user_symbols = [target_prefix] if target_prefix else []
    sp_bytes = train_sentencepiece(lines or training_lines(), vocab_size, user_symbols)
    processor = spm.SentencePieceProcessor(model_proto=sp_bytes)
    vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    vocabulary += [f"dummy{i}" for i in range(max(0, shape.pad_vocab_to - len(vocabulary)))]
    name = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    metadata = {
        "package_version": version,
        "argos_version": "1.0",
        "from_code": from_code,
        "from_name": {"de": "German", "en": "English", "fr": "French"}.get(from_code, from_code),
        "to_code": to_code,
        "to_name": {"de": "German", "en": "English", "fr": "French"}.get(to_code, to_code),
        "links": [],
    }
    if target_prefix:
        metadata["target_prefix"] = target_prefix
    metadata.update(extra_metadata or {})
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / name
        root.mkdir()
        write_ct2_model(root / "model", vocabulary, shape, seed=seed)
        (root / "sentencepiece.model").write_bytes(sp_bytes)
        (root / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        (root / "README.md").write_text(f"Test package {name} with random weights.\n", encoding="utf-8")
        dest.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(root.rglob("*")):
                archive.write(path, path.relative_to(tmp).as_posix())
    return dest


def cached_package(cache_dir: Path, filename: str, **kwargs: object) -> Path:
    """Build once per cache folder; later calls copy nothing and return the cached file."""
    target = cache_dir / filename
    if not target.exists():
        tmp = cache_dir / f".{filename}.building"
        build_package(tmp, **kwargs)
        shutil.move(str(tmp), target)
    return target
