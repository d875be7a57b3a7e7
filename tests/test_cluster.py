"""Machine translation on a real Dask cluster: a LocalCluster of two worker processes on 127.0.0.1,
running the tiny real Argos packages tinymodel builds (de→en, en→fr for the pivot to French).

One cluster serves the module (starting worker processes costs seconds). Its workers share one packages
folder and an index on 127.0.0.1 that offers de→it (installable) and de→es (listed, but its file is gone).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tinymodel import PackageServer, cached_package, isolated_env, repack
from transloc import catalog_io, pipeline
from transloc.config import Settings
from transloc.mt import models
from transloc.scale import connect, worker

distributed = pytest.importorskip("distributed")

ARTICLES = {
    "pakt.txt": "Politik\n\nRussland und Nordkorea schließen einen geheimen Pakt.\n\n"
    "Experten warnen vor enormen Konsequenzen. Der Minister sagte am Montag nichts dazu.\n\n"
    "Die Regierung in Berlin will die Lage in der kommenden Woche beraten.\n",
    "wahl.txt": "Politik\n\nDie Partei gewinnt die Wahl in der Stadt.\n\n"
    "Experten warnen vor enormen Konsequenzen. Die Kinder und Lehrer der Schule feiern.\n\n"
    "Der Kanzler sagte heute, die Preise für Energie seien gestiegen.\n",
    "wetter.txt": "Wetter\n\nSturm und Regen erreichen Berlin am Montag.\n\n"
    "Die Polizei warnt die Bürger. Das Gericht vertagt das Urteil über die Klage.\n\n"
    "Im Monat stiegen die Preise für Strom und Gas um drei Prozent.\n",
}


@pytest.fixture(scope="module")
def cluster_env(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[dict[str, str]]:
    """Environment of the workers and of the client: one packages folder holding de→en and en→fr."""
    root = tmp_path_factory.mktemp("cluster")
    de_en = cached_package(Path(request.config.cache.mkdir("transloc-tinymodel")), "translate-de_en-1_9.argosmodel")
    en_fr = repack(de_en, root / "translate-en_fr-1_9.argosmodel", metadata={"from_code": "en", "to_code": "fr"})
    de_it = repack(de_en, root / "translate-de_it-1_9.argosmodel", metadata={"from_code": "de", "to_code": "it"})
    de_es = repack(de_en, root / "translate-de_es-1_9.argosmodel", metadata={"from_code": "de", "to_code": "es"})
    with PackageServer(root / "index", [de_it, de_es]) as server:
        (root / "index" / de_es.name).unlink()  # listed in the index, but the download fails
        env = isolated_env(root / "env", server.url)
        env["DASK_DISTRIBUTED__WORKER__DAEMON"] = "False"
        with pytest.MonkeyPatch.context() as patch:
            for name, value in env.items():
                patch.setenv(name, value)
            for name in ("ARGOS_BEAM_SIZE", "ARGOS_INTRA_THREADS", "ARGOS_INTER_THREADS"):
                patch.delenv(name, raising=False)
            paths = models.ArgosPaths.resolve()
            models.install_file(de_en, paths)
            models.install_file(en_fr, paths)
            yield env


@pytest.fixture(scope="module")
def scheduler(cluster_env: dict[str, str]) -> Iterator[str]:
    """Address of a LocalCluster: two worker processes × one thread, started with the environment above."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0"
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def client(scheduler: str) -> Iterator[Any]:
    with distributed.Client(scheduler, set_as_default=False) as found:
        found.wait_for_workers(2, timeout=60)
        yield found


def write_articles(work: Path) -> list[Path]:
    work.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (work / name).write_text(text, encoding="utf-8")
    return [Path(name) for name in ARTICLES]


@pytest.fixture
def articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The articles in an empty project folder, which is the current folder."""
    monkeypatch.chdir(tmp_path)
    return [tmp_path / "work" / name for name in write_articles(tmp_path / "work")]


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both runs stamp PO-Revision-Date with the same minute, so their catalogs can be compared byte for byte."""
    monkeypatch.setattr(catalog_io, "now", lambda: "2026-12-01 06:00+0000")


def project(work: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Path], Settings]:
    """A project folder of its own (the current folder) holding the articles: runs in two such folders
    write catalogs that may be compared byte for byte (the references inside are relative)."""
    names = write_articles(work / name)
    monkeypatch.chdir(work / name)
    return names, Settings(batch_size=2)


def in_process(articles: list[Path], tags: list[str], settings: Settings) -> list[pipeline.TranslateResult]:
    from transloc.mt import create_engine

    targets = [pipeline.target_locale(tag, settings) for tag in tags]
    return [
        pipeline.translate(articles, t, settings, lambda t=t: create_engine("argos", "de", t.language))
        for t in targets
    ]


def on_cluster(
    address: str, articles: list[Path], tags: list[str], settings: Settings, reporter: Any = None
) -> list[pipeline.TranslateResult]:
    """What `transloc translate --cluster` does: connect, check models and send every batch ahead, then
    the in-process pipeline fills and saves the catalogs with the workers' results."""
    targets = [pipeline.target_locale(tag, settings) for tag in tags]
    cluster = connect(address)
    try:
        engines = cluster.prepare(articles, targets, settings, "argos", {})
        return [
            pipeline.translate(articles, t, settings, lambda t=t: engines[t.tag], reporter=reporter) for t in targets
        ]
    finally:
        cluster.close()


def catalog_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.po"))}


def worker_stats(client: Any) -> dict[str, dict[str, Any]]:
    return dict(client.run(worker.stats))


def test_cluster_and_in_process_write_identical_catalogs(
    scheduler: str, client: Any, tmp_path: Path, frozen_clock: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path
    names, settings = project(work, "local", monkeypatch)
    local = in_process(names, ["en", "fr"], settings)
    names, settings = project(work, "remote", monkeypatch)
    remote = on_cluster(scheduler, names, ["en", "fr"], settings)
    expected, got = catalog_bytes(work / "local" / "locales"), catalog_bytes(work / "remote" / "locales")
    assert len(expected) == 6 and sorted(got) == sorted(expected)
    assert got == expected
    assert [r.fill.machine for r in remote] == [r.fill.machine for r in local] and remote[0].fill.machine > 10
    assert [r.fill.reused for r in remote] == [r.fill.reused for r in local] != [0, 0]  # a shared sentence
    assert remote[1].engine_label == "argos de→en 1.9 + en→fr 1.9"  # the pivot ran on the workers


def test_all_batches_in_flight_on_both_workers_models_loaded_once(
    scheduler: str, client: Any, articles: list[Path]
) -> None:
    work = articles[0].parent
    settings = Settings(batch_size=2, locales=work / "fanout" / "locales", out=work / "fanout" / "build", project=work)
    targets = [pipeline.target_locale(tag, settings) for tag in ("en", "fr")]
    before = worker_stats(client)
    cluster = connect(scheduler)
    try:
        engines = cluster.prepare(articles, targets, settings, "argos", {})
        sent = {tag: sum(len(queued) for queued in e._ahead.values()) for tag, e in engines.items()}
        for target in targets:
            result = pipeline.translate(articles, target, settings, lambda t=target: engines[t.tag])
            assert result.fill.machine > 0 and not result.failures
            # Every batch of the three articles was on the cluster before the first one was used.
            assert sent[target.tag] == result.fill.mt_calls >= 6
        assert all(not queued for e in engines.values() for queued in e._ahead.values())  # every prediction used
    finally:
        cluster.close()
    after = worker_stats(client)
    assert len(after) == 2
    for address, stats in after.items():
        done = sum(stats["batches"].values()) - sum(before.get(address, {}).get("batches", {}).values())
        assert done >= 3, f"{address} got {done} batches: the work is not shared out"
        assert stats["loads"] and set(stats["loads"].values()) == {1}  # one load per model and process, kept
    for path in (work / "fanout" / "locales").rglob("*.po"):
        text = path.read_text(encoding="utf-8")
        assert 'msgstr ""\n\n' not in text.split("\n\n", 1)[1] + "\n\n"  # every entry filled


class KillOneWorker:
    """A reporter that, when MT starts, SIGKILLs a worker process holding or running batches."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.killed: int | None = None
        self.warnings: list[str] = []

    def progress(self, total: int, label: str) -> Any:
        if self.killed is None and label.startswith("Translating"):
            pids = self.client.run(os.getpid)
            busy = {a for a, keys in self.client.processing().items() if keys}
            busy |= {a for a, keys in self.client.has_what().items() if keys}
            assert busy, "no worker held or ran a batch when MT started"
            victim = sorted(busy)[0]
            self.killed = pids[victim]
            os.kill(self.killed, signal.SIGKILL)
        return pipeline.QuietReporter().progress(total, label)

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def info(self, message: str) -> None:
        self.warnings.append(message)


def test_worker_killed_mid_run_every_sentence_translated_once(
    scheduler: str, client: Any, tmp_path: Path, frozen_clock: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path
    names, settings = project(work, "local", monkeypatch)
    local = in_process(names, ["en", "fr"], settings)
    reporter = KillOneWorker(client)
    names, settings = project(work, "remote", monkeypatch)
    remote = on_cluster(scheduler, names, ["en", "fr"], settings, reporter)
    assert reporter.killed is not None
    with pytest.raises(ProcessLookupError):
        os.kill(reporter.killed, 0)
    # The run completed: the same sentences translated, each once, to exactly the bytes of a run without faults.
    assert [r.fill.machine for r in remote] == [r.fill.machine for r in local]
    assert catalog_bytes(work / "remote" / "locales") == catalog_bytes(work / "local" / "locales")
    client.wait_for_workers(2, timeout=60)  # the nanny restarts the killed worker for the next tests


def transloc(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "transloc", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def test_cli_fans_out_two_languages(
    scheduler: str, client: Any, articles: list[Path], cluster_env: dict[str, str]
) -> None:
    work = articles[0].parent
    (work / "transloc.toml").write_text(f'[cluster]\naddress = "{scheduler}"\n', encoding="utf-8")
    run = transloc("translate", "--to", "en", "--to", "fr", *[a.name for a in articles], env=cluster_env, cwd=work)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    for tag in ("en", "fr"):
        for article in articles:
            po = (work / "locales" / tag / article.with_suffix(".po").name).read_text(encoding="utf-8")
            assert "#. mt: argos" in po and "#, fuzzy" in po
            assert (work / "build" / tag / article.with_suffix(".txt").name).is_file()
    assert "fr: 3 article(s)" in run.stderr and "de→en 1.9 + en→fr 1.9" in run.stderr


def test_unreachable_cluster_is_one_line_and_touches_nothing(articles: list[Path], tmp_path: Path) -> None:
    work = articles[0].parent
    env = {**isolated_env(tmp_path / "env"), "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    started = time.monotonic()
    run = transloc("translate", "--to", "en", "--cluster", "tcp://127.0.0.1:9", articles[0].name, env=env, cwd=work)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "tcp://127.0.0.1:9" in lines[0] and "dask scheduler" in lines[0], run.stderr
    assert not (work / "locales").exists() and not (work / "build").exists()
    assert time.monotonic() - started < 60


def test_worker_installs_a_missing_model_from_the_index(
    scheduler: str, client: Any, articles: list[Path], cluster_env: dict[str, str]
) -> None:
    work = articles[0].parent
    run = transloc("translate", "--to", "it", "--cluster", scheduler, articles[0].name, env=cluster_env, cwd=work)
    assert run.returncode == 0, run.stderr
    installed = [p.name for p in Path(cluster_env["ARGOS_PACKAGES_DIR"]).iterdir()]
    assert "translate-de_it-1_9" in installed
    assert "#. mt: argos translate-de_it 1.9" in (work / "locales" / "it" / "pakt.po").read_text(encoding="utf-8")


def test_worker_that_cannot_get_the_model_names_itself_and_both_remedies(
    scheduler: str, client: Any, articles: list[Path], cluster_env: dict[str, str]
) -> None:
    work = articles[0].parent
    run = transloc("translate", "--to", "es", "--cluster", scheduler, articles[0].name, env=cluster_env, cwd=work)
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in run.stderr, run.stderr
    assert "worker tcp://127.0.0.1:" in lines[0]
    assert "transloc models install de es" in lines[0] and "transloc models install FILE" in lines[0]
    assert not (work / "locales").exists()
