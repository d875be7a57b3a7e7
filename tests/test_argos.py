"""The argos engine on tiny real packages: batching, length caps, target prefix, decoding, pivot, label."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tinymodel import ModelShape, cached_package, isolated_env, repack
from transloc.errors import TranslocError
from transloc.mt import create_engine, models
from transloc.mt.argos import ArgosEngine

SENTENCES = [
    "Der Minister sagte heute nicht mit dem Kanzler.",
    "Russland warnt.",
    "Experten warnen vor enormen Konsequenzen für die Sicherheit in Berlin und Moskau.",
    "Ja.",
    "Die Regierung und die Partei im Bundestag sagte gestern, die Preise für Energie, Strom und Gas seien "
    "im Monat um drei Prozent gestiegen.",
]


@pytest.fixture(scope="session")
def cache(request: pytest.FixtureRequest) -> Path:
    return Path(request.config.cache.mkdir("transloc-tinymodel"))


@pytest.fixture(scope="session")
def endless_de_en(cache: Path) -> Path:
    """A package whose model never emits </s>, with a target prefix token as some Argos packages have."""
    return cached_package(
        cache, "translate-de_en-1_9.argosmodel", shape=ModelShape(never_stop=True), target_prefix="__en__"
    )


@pytest.fixture
def packages(argos_paths: models.ArgosPaths) -> models.ArgosPaths:
    return argos_paths


class Spy:
    """Records translate_batch calls and forwards them to the real CTranslate2 translator."""

    def __init__(self, translator: Any) -> None:
        self.translator = translator
        self.calls: list[tuple[list[list[str]], dict[str, Any]]] = []
        self.results: list[Any] = []

    def translate_batch(self, batch: list[list[str]], **kwargs: Any) -> Any:
        self.calls.append((batch, kwargs))
        self.results.append(self.translator.translate_batch(batch, **kwargs))
        return self.results[-1]


def test_engine_label_and_options(packages: models.ArgosPaths, endless_de_en: Path) -> None:
    models.install_file(endless_de_en, packages)
    engine = create_engine("argos", "de", "en")
    assert engine.label == "argos translate-de_en 1.9"
    assert engine.keeps_placeholders is False
    assert engine.beam_size == 4  # Argos's default
    with pytest.raises(TranslocError, match="beam_size"):
        create_engine("argos", "de", "en", beam_size="wide")
    with pytest.raises(TranslocError, match="intra_threads"):
        create_engine("argos", "de", "en", intra_threads=-1)
    with pytest.raises(TranslocError, match="unknown argos option beam-size"):
        create_engine("argos", "de", "en", **{"beam-size": 2})


def test_lengths_are_capped_per_sentence_and_order_kept(packages: models.ArgosPaths, endless_de_en: Path) -> None:
    models.install_file(endless_de_en, packages)
    engine = ArgosEngine("de", "en", batch_size=2, beam_size=2)
    step = engine.steps[0]
    spy = step.translator = Spy(step.translator)
    sources = step.encode(SENTENCES)
    outputs = engine.translate_tokens(step, sources)
    # The model never stops, so each output runs exactly to its own sentence's cap: this shows both
    # the per-sentence bound and that length-sorted batches come back in input order.
    assert [len(o) for o in outputs] == [int(len(s) * 1.5) + 10 for s in sources]
    assert all("__en__" not in o for o in outputs)  # the target prefix is not part of the translation
    lengths = [[len(tokens) for tokens in batch] for batch, _ in spy.calls]
    assert len(spy.calls) == 3 and all(len(b) <= 2 for b in lengths)
    assert sum(lengths, []) == sorted(len(s) for s in sources)  # length-sorted batches
    for batch, kwargs in spy.calls:
        assert kwargs["target_prefix"] == [["__en__"]] * len(batch)
        assert kwargs["beam_size"] == 2
        assert kwargs["max_decoding_length"] == int(max(len(t) for t in batch) * 1.5) + 10 + 1


def test_translate_batch_gives_each_sentence_its_own_output_in_input_order(
    packages: models.ArgosPaths, endless_de_en: Path
) -> None:
    # Not "batched equals one by one": CTranslate2 does not promise batch-invariant numerics (padding
    # changes the GEMM shapes; on an AMD EPYC a random model's near-ties then flip), so the test follows
    # each sentence's own row through the real translator's batches instead.
    models.install_file(endless_de_en, packages)
    engine = ArgosEngine("de", "en", batch_size=3, inter_threads=1)
    step = engine.steps[0]
    spy = step.translator = Spy(step.translator)
    texts = [*SENTENCES, "", "   "]
    batched = engine.translate_batch(texts)
    assert len(batched) == len(texts)
    assert batched[-2:] == ["", "   "]  # nothing to translate: passed through, no model call
    assert len(spy.calls) == 2  # five sentences in batches of three
    row_output: dict[tuple[str, ...], str] = {}
    for (batch, _), results in zip(spy.calls, spy.results, strict=True):
        for tokens, result in zip(batch, results, strict=True):
            pieces = [p for p in result.hypotheses[0] if p != "__en__"]
            row_output[tuple(tokens)] = step.decode(pieces[: engine.cap(len(tokens))])
    expected = [row_output[tuple(tokens)] for tokens in step.encode(SENTENCES)]
    assert batched[:-2] == expected
    assert len(set(expected)) == len(SENTENCES)  # distinct outputs, so a mix-up would show


def test_sentencepiece_decoding_keeps_underscores(packages: models.ArgosPaths, endless_de_en: Path) -> None:
    models.install_file(endless_de_en, packages)
    step = ArgosEngine("de", "en").steps[0]
    pieces = step.encode(["Die Datei heißt snake_case.txt"])[0]
    assert "_" in pieces or any("_" in p for p in pieces)
    assert step.decode(pieces) == "Die Datei heißt snake_case.txt"
    assert step.decode(["\u2581snake", "_", "case", "\u2581ok"]) == "snake_case ok"


def test_pivot_via_english(packages: models.ArgosPaths, endless_de_en: Path, tmp_path: Path) -> None:
    en_fr = repack(endless_de_en, tmp_path / "en_fr.argosmodel", metadata={"from_code": "en", "to_code": "fr"})
    models.install_file(endless_de_en, packages)
    models.install_file(en_fr, packages)
    engine = ArgosEngine("de", "fr-CH")
    assert engine.label == "argos de→en 1.9 + en→fr 1.9"
    first, second = engine.steps
    spy1, spy2 = Spy(first.translator), Spy(second.translator)
    first.translator, second.translator = spy1, spy2
    out = engine.translate_batch(SENTENCES[:2])
    assert len(out) == 2 and all(out)
    # The second leg translates what the first leg produced.
    middle = [first.decode(p) for p in engine.translate_tokens(first, first.encode(SENTENCES[:2]))]
    legs = [tokens for batch, _ in spy2.calls for tokens in batch]
    assert sorted(legs, key=len) == sorted(second.encode(middle), key=len)


def test_missing_package_offline_is_one_line(packages: models.ArgosPaths) -> None:
    with pytest.raises(TranslocError) as caught:
        create_engine("argos", "de", "en")
    assert "transloc models install de en" in str(caught.value)
    with pytest.raises(TranslocError, match="automatic installation is off"):
        ArgosEngine("de", "en", auto_install=False)


def test_engine_avoids_argostranslate_translate(tmp_path: Path, endless_de_en: Path) -> None:
    """Loading and running the engine must not import argostranslate.translate (torch, spaCy, stanza)."""
    env = isolated_env(tmp_path)
    code = (
        "import sys\n"
        "from transloc.mt import create_engine, models\n"
        f"models.install_file({str(endless_de_en)!r}, models.ArgosPaths.resolve())\n"
        "engine = create_engine('argos', 'de', 'en')\n"
        "print(engine.translate_batch(['Russland warnt.'])[0] != '')\n"
        "print(sorted(m for m in ('argostranslate.translate', 'torch', 'stanza', 'spacy') if m in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["True", "[]"]


def test_batches_are_bounded_by_sentences_and_tokens(packages: models.ArgosPaths, endless_de_en: Path) -> None:
    models.install_file(endless_de_en, packages)
    engine = ArgosEngine("de", "en", batch_size=4, batch_tokens=40, lanes=1)
    sources = [["x"] * n for n in (12, 3, 25, 3, 3, 9, 3, 30, 3)]
    chunks = engine._chunks(sources)
    assert sorted(i for chunk in chunks for i in chunk) == list(range(len(sources)))
    for chunk in chunks:
        lengths = [len(sources[i]) for i in chunk]
        assert len(chunk) <= 4 and (len(chunk) == 1 or len(chunk) * max(lengths) <= 40)
    assert [len(sources[i]) for chunk in chunks for i in chunk] == sorted(len(s) for s in sources)
    # 9 sentences need 3 batches of ≤ 4: shared out as 3 + 3 + 3, then the token bound cuts the long ones.
    assert [[len(sources[i]) for i in c] for c in chunks] == [[3, 3, 3], [3, 3, 9], [12], [25], [30]]


def test_batch_size_follows_the_amount_of_work(packages: models.ArgosPaths, endless_de_en: Path) -> None:
    models.install_file(endless_de_en, packages)
    engine = ArgosEngine("de", "en", lanes=2)  # batch_size 32, as two replicas would run it

    def sizes(count: int) -> list[int]:
        return [len(chunk) for chunk in engine._chunks([["x"] * 5] * count)]

    assert sizes(1) == [1]
    assert sizes(24) == [12, 12]  # a short article still fills both replicas
    assert sizes(64) == [32, 32]
    assert sizes(200) == [25] * 8  # 7 batches of ≤ 32 would leave one replica idle at the end
    assert ArgosEngine("de", "en", inter_threads=3, intra_threads=1).lanes == 3


def test_parallel_batches_give_the_same_result(packages: models.ArgosPaths, endless_de_en: Path) -> None:
    models.install_file(endless_de_en, packages)
    serial = ArgosEngine("de", "en", batch_size=2, inter_threads=1, intra_threads=1)
    parallel = ArgosEngine("de", "en", batch_size=2, inter_threads=2, intra_threads=1)
    sources = serial.steps[0].encode(SENTENCES)
    out = parallel.translate_tokens(parallel.steps[0], sources)
    assert [len(o) for o in out] == [int(len(s) * 1.5) + 10 for s in sources]
    assert out == serial.translate_tokens(serial.steps[0], sources)


def test_broken_model_is_one_line_error(packages: models.ArgosPaths, endless_de_en: Path) -> None:
    pkg = models.install_file(endless_de_en, packages)
    (pkg.package_path / "model" / "model.bin").write_bytes(b"not a model")
    with pytest.raises(TranslocError, match="cannot load Argos model") as caught:
        create_engine("argos", "de", "en")
    assert "\n" not in str(caught.value) and "transloc models install" in str(caught.value)


def test_thread_plan_uses_every_core_and_explicit_settings_win(
    packages: models.ArgosPaths, endless_de_en: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from transloc.mt.argos import available_cores, thread_plan

    assert thread_plan(1) == (1, 1)
    assert thread_plan(2) == (2, 1)
    assert thread_plan(16) == (4, 4)  # replicas capped, the rest as threads inside each
    assert thread_plan(8, intra=0) == (1, 0)  # intra_threads = 0 alone keeps the old "one replica, all cores"
    assert thread_plan(8, inter=2) == (2, 4)
    assert thread_plan(8, intra=2) == (4, 2)
    models.install_file(endless_de_en, packages)
    engine = ArgosEngine("de", "en")
    assert (engine.inter_threads, engine.intra_threads) == thread_plan(available_cores())
    assert engine.steps[0].translator.num_translators == engine.inter_threads
    explicit = ArgosEngine("de", "en", inter_threads=1, intra_threads=1)
    assert (explicit.inter_threads, explicit.intra_threads, explicit.steps[0].translator.num_translators) == (1, 1, 1)
    monkeypatch.setenv("ARGOS_INTER_THREADS", "1")  # Argos's own settings count as explicit too
    assert ArgosEngine("de", "en").inter_threads == 1
