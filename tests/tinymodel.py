"""Build small but real Argos packages (.argosmodel) for tests and benchmarks.

No pretrained weights are needed: a SentencePiece model is trained on generated German/English lines
and a CTranslate2 Transformer is filled with seeded random weights. The result loads and runs through
exactly the code paths a real Argos package does, which is what the MT tests need; the translations are
gibberish. Random weights never pick ``</s>`` reliably, so callers must bound the decoding length.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import io
import json
import os
import random
import shutil
import tempfile
import threading
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    never_stop: bool = False
    """Forbid ``</s>`` too, so every output runs to the length cap (makes output lengths predictable)."""


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
    forbidden = ("<unk>", "<s>", "</s>") if shape.never_stop else ("<unk>", "<s>")
    bad = [index[t] for t in forbidden if t in index]
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


def cached_package(cache_dir: Path, filename: str, **kwargs: Any) -> Path:
    """Build once per cache folder and recipe (this file's source and the arguments are the key)."""
    recipe = Path(__file__).read_bytes() + repr(sorted(kwargs.items())).encode()
    key = hashlib.sha256(recipe).hexdigest()[:16]
    target = cache_dir / key / filename
    if not target.exists():
        tmp = target.with_name(f".{filename}.{os.getpid()}.building")
        build_package(tmp, **kwargs)
        os.replace(tmp, target)
    return target


def repack(source: Path, dest: Path, *, version: str | None = None, metadata: dict | None = None) -> Path:
    """Copy a package with changed metadata (and a top folder named after the new version)."""
    with zipfile.ZipFile(source) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    old_top = members[0][0].filename.split("/")[0]
    meta = json.loads(dict((i.filename, d) for i, d in members)[f"{old_top}/metadata.json"])
    meta.update(metadata or {})
    if version:
        meta["package_version"] = version
    new_top = f"translate-{meta['from_code']}_{meta['to_code']}-{meta['package_version'].replace('.', '_')}"
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in members:
            name = new_top + info.filename[len(old_top) :]
            if name == f"{new_top}/metadata.json":
                data = json.dumps(meta).encode()
            out.writestr(name, data)
    return dest


def isolated_env(root: Path, index_url: str = "http://127.0.0.1:9/") -> dict[str, str]:
    """Environment for a process that must not touch the user's folders or the real package index."""
    env = dict(os.environ)
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "ARGOS_PACKAGES_DIR"):
        env[name] = str(root / name.lower())
    env["ARGOS_PACKAGE_INDEX"] = index_url
    env.pop("TRANSLOC_DEBUG", None)
    return env


class PackageServer:
    """A package index (index.json linking the packages) on 127.0.0.1, in a thread; a context manager."""

    def __init__(self, folder: Path, packages: list[Path], *, index_bytes: bytes | None = None) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        for package in packages:
            shutil.copy(package, folder / package.name)
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        entries = []
        for package in packages:
            with zipfile.ZipFile(package) as archive:
                top = archive.namelist()[0].split("/")[0]
                meta = json.loads(archive.read(f"{top}/metadata.json"))
            meta["links"] = [self.url + package.name]
            entries.append(meta)
        (folder / "index.json").write_bytes(index_bytes if index_bytes is not None else json.dumps(entries).encode())
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> PackageServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - signature of the base class
        pass
