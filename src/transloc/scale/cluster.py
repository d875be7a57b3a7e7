"""The client side of a cluster run: connect, check the workers' models, send batches ahead, collect.

:class:`ClusterEngine` is an ordinary engine to the pipeline (``name``, ``label``, ``translate_batch``),
so the in-process code path fills and saves the catalogs. Its ``translate_batch`` takes the result of a
batch sent ahead (:mod:`transloc.scale.plan` predicts them) or, when the prediction missed, sends the
batch now at high priority. Workers translate with the client's batch layout (``lanes``), so a cluster
run writes the same bytes as an in-process run on the client.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import TranslocError
from . import worker

if TYPE_CHECKING:
    from distributed import Client, Future

    from ..config import Settings
    from ..glossary import Glossary
    from ..localise.locales import TargetLocale

SOURCE_LANGUAGE = "de"


def _remedy(address: str) -> str:
    return (
        f"start it with `dask scheduler` and `dask worker {address}` on the machines (transloc installed there), "
        "or fix --cluster / [cluster] address"
    )


def connect(address: str, timeout: float | None = None) -> Cluster:
    """A client for the scheduler at ``address`` with at least one worker, or a one-line error.

    ``timeout`` defaults to Dask's ``distributed.comm.timeouts.connect``
    (``DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT``).
    """
    try:
        import dask.config
        from distributed import Client
    except ImportError:
        raise TranslocError(
            "--cluster needs Dask distributed, which is not installed", hint="pip install 'transloc[cluster]'"
        ) from None
    from dask.utils import parse_timedelta

    seconds = timeout if timeout is not None else parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"))
    try:
        client = Client(address, timeout=seconds, set_as_default=False)  # type: ignore[no-untyped-call]  # untyped API
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise TranslocError(f"cannot reach the Dask scheduler at {address} ({reason})", hint=_remedy(address)) from None
    try:
        client.wait_for_workers(1, timeout=seconds)
    except (TimeoutError, OSError):
        client.close()  # type: ignore[no-untyped-call]  # distributed's API is untyped
        raise TranslocError(f"the Dask scheduler at {address} has no workers", hint=_remedy(address)) from None
    return Cluster(client, address)


def with_lanes(name: str, options: dict[str, object]) -> dict[str, object]:
    """Argos options plus the batch layout an in-process run on this machine would use."""
    if name != "argos" or "lanes" in options:
        return dict(options)
    from ..mt.argos import available_cores, thread_plan

    inter, intra = options.get("inter_threads"), options.get("intra_threads")
    lanes, _ = thread_plan(
        available_cores(), inter if isinstance(inter, int) else None, intra if isinstance(intra, int) else None
    )
    return {**options, "lanes": lanes}


class Cluster:
    """A connected client and the engines made on it; ``close()`` releases unused results and the client."""

    def __init__(self, client: Client, address: str) -> None:
        self.client = client
        self.address = address
        self.engines: list[ClusterEngine] = []

    def engine(self, name: str, target: str, options: dict[str, object]) -> ClusterEngine:
        made = ClusterEngine(self, name, SOURCE_LANGUAGE, target, with_lanes(name, options))
        self.engines.append(made)
        return made

    def prepare(
        self,
        articles: Sequence[Path],
        targets: Sequence[TargetLocale],
        settings: Settings,
        name: str,
        options: dict[str, object],
        glossary: Glossary | None = None,
    ) -> dict[str, ClusterEngine]:
        """Check every target's model on every worker, then send every predicted batch ahead.

        All models are checked first, so a worker that lacks one stops the run before anything is written.
        """
        from .plan import predicted_batches

        engines = {target.tag: self.engine(name, target.language, options) for target in targets}
        for target in targets:
            engines[target.tag].send_ahead(predicted_batches(articles, target, settings, engines[target.tag], glossary))
        return engines

    def close(self) -> None:
        for made in self.engines:
            made.release()
        self.client.close()  # type: ignore[no-untyped-call]  # distributed's API is untyped


class ClusterEngine:
    """An engine whose batches run on the cluster's workers (each loads the model once and keeps it)."""

    def __init__(self, cluster: Cluster, name: str, source: str, target: str, options: dict[str, object]) -> None:
        self.cluster = cluster
        self.name = name
        self.args = (name, source, target, options)
        self._ahead: dict[tuple[str, ...], list[Future[list[tuple[str, float | None]]]]] = {}
        found = cluster.client.run(worker.describe, *self.args)
        failed = [result["error"] for result in found.values() if "error" in result]
        if failed:
            raise TranslocError(failed[0])
        labels = sorted({result["label"] for result in found.values()})
        if len(labels) != 1:
            raise TranslocError(
                f"the workers of {cluster.address} run different models for {source}→{target}: {', '.join(labels)}",
                hint="install the same package version on every worker (or share one ARGOS_PACKAGES_DIR)",
            )
        self.label: str = labels[0]
        self.keeps_placeholders = all(result["keeps_placeholders"] for result in found.values())

    def _submit(self, texts: list[str], priority: int = 0) -> Future[list[tuple[str, float | None]]]:
        return self.cluster.client.submit(worker.translate, *self.args, texts, priority=priority, pure=False)

    def send_ahead(self, batches: Sequence[list[str]]) -> None:
        """Queue these batches now, in order (Dask runs earlier submissions first)."""
        for texts in batches:
            self._ahead.setdefault(tuple(texts), []).append(self._submit(texts))

    def translate_batch(self, texts: list[str]) -> list[str]:
        return [text for text, _ in self.translate_scored(texts)]

    def translate_scored(self, texts: list[str]) -> list[tuple[str, float | None]]:
        """Outputs with the engine's confidences, as the in-process engine gives them to the pipeline."""
        queued = self._ahead.get(tuple(texts))
        future = queued.pop(0) if queued else self._submit(texts, priority=1)
        try:
            outputs: list[tuple[str, float | None]] = future.result()
        except worker.WorkerError as exc:
            raise TranslocError(str(exc)) from None
        except Exception as exc:  # KilledWorker and communication failures arrive as their own types
            if type(exc).__name__ == "KilledWorker":
                raise TranslocError(
                    f"a batch for {self.args[2]} failed on every worker it was given to ({exc})",
                    self.cluster.address,
                    "check the workers' logs (out of memory?) and run the same command again to continue",
                ) from None
            raise
        return outputs

    def release(self) -> None:
        """Forget batches sent ahead that the run did not need (a prediction missed, or the run stopped)."""
        leftovers = [future for queued in self._ahead.values() for future in queued]
        self._ahead.clear()
        if leftovers:
            self.cluster.client.cancel(leftovers)  # type: ignore[no-untyped-call]  # untyped API
