"""What runs inside a Dask worker process: engines loaded once per process and kept for later batches.

Functions here are sent to workers by reference, so the workers need transloc installed. Failures come
back as :class:`WorkerError` with plain-text arguments (a :class:`TranslocError` would lose its hint on
the way through pickle), naming the worker.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ..errors import TranslocError
from ..mt import create_engine
from ..mt.base import Engine

if TYPE_CHECKING:
    from distributed import Worker

_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()
LOADS: Counter[str] = Counter()
"""Engines this process created, by cache key (a model is loaded once per worker process)."""
BATCHES: Counter[str] = Counter()
"""Batches this process translated, by cache key."""


class WorkerError(RuntimeError):
    """A worker could not translate: its message names the worker and what to do."""


def _this_worker(given: Worker | None = None) -> Worker | None:
    """The Dask worker running this code: ``client.run`` passes it in, a task finds it with get_worker()."""
    if given is not None:
        return given
    try:
        from distributed import get_worker

        return get_worker()
    except (ImportError, ValueError):
        return None


def worker_name(host: Worker | None = None) -> str:
    found = _this_worker(host)
    return str(found.address) if found is not None else f"pid {os.getpid()}"


def _worker_threads(host: Worker | None = None) -> int:
    """Tasks this worker runs at once (``dask worker --nthreads``): one model replica for each."""
    found = _this_worker(host)
    if found is not None:
        return max(1, int(found.state.nthreads))
    from ..mt.argos import available_cores

    return available_cores()


def _packages_dir() -> str:
    from ..mt.argos_layout import packages_dir

    return str(packages_dir())


def cache_key(name: str, source: str, target: str, options: dict[str, object]) -> str:
    """Package folder + engine + options: a model installed elsewhere or other options load anew."""
    return json.dumps([name, source, target, _packages_dir(), options], sort_keys=True, default=str)


_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc mallopt parameters
_MALLOC_TUNED = False


def tune_malloc() -> None:
    """Undo the allocator setting a Dask nanny gives its workers, which halves CTranslate2's speed.

    The nanny starts workers with ``MALLOC_TRIM_THRESHOLD_=65536``; setting it turns off glibc's
    adaptive mmap threshold, so every large buffer of every decoding step is mapped and unmapped anew
    (measured here: the same batch 2–2.5× slower in a worker than in a plain process, and as slow in a
    plain process given that variable). Fixed thresholds at glibc's adaptive ceiling (32 MiB mmap,
    64 MiB trim) restore plain-process speed. Only on glibc; elsewhere nothing to undo.
    """
    global _MALLOC_TUNED
    if _MALLOC_TUNED:
        return
    _MALLOC_TUNED = True
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(_M_MMAP_THRESHOLD, 32 << 20)
        libc.mallopt(_M_TRIM_THRESHOLD, 64 << 20)
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        pass


@contextmanager
def _install_lock() -> Iterator[None]:
    """Worker processes on one machine share its packages folder: one installs, the others then find it."""
    folder = _packages_dir()
    try:
        os.makedirs(folder, exist_ok=True)
        handle = open(os.path.join(folder, ".transloc-install.lock"), "a")  # noqa: SIM115 - held for the block
    except OSError:
        yield  # an unwritable folder: the install itself reports it
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def engine(name: str, source: str, target: str, options: dict[str, object], host: Worker | None = None) -> Engine:
    """This process's engine for these settings, created (and its model installed if need be) once."""
    key = cache_key(name, source, target, options)
    with _LOCK:
        found = _ENGINES.get(key)
        if found is None:
            tune_malloc()
            settings = dict(options)
            if name == "argos" and "inter_threads" not in settings and "intra_threads" not in settings:
                from ..mt.argos import thread_plan

                settings["inter_threads"], settings["intra_threads"] = thread_plan(_worker_threads(host))
            try:
                with _install_lock():
                    found = create_engine(name, source, target, **settings)
            except TranslocError as exc:
                raise WorkerError(f"worker {worker_name(host)}: {exc}") from None
            _ENGINES[key] = found
            LOADS[key] += 1
    return found


def describe(
    name: str, source: str, target: str, options: dict[str, object], dask_worker: Worker | None = None
) -> dict[str, str | bool]:
    """Load (or install and load) the engine now; what the client needs to know about it, or the error.

    Run on every worker with ``client.run``, which passes the worker as ``dask_worker``."""
    try:
        found = engine(name, source, target, options, dask_worker)
    except WorkerError as exc:
        return {"error": str(exc)}
    return {"label": found.label, "keeps_placeholders": bool(getattr(found, "keeps_placeholders", True))}


def translate(
    name: str, source: str, target: str, options: dict[str, object], texts: list[str]
) -> list[tuple[str, float | None]]:
    """One batch, exactly as the client's in-process engine would translate it, with its confidences."""
    from ..review.confidence import translate_scored

    found = engine(name, source, target, options)
    outputs = translate_scored(found, texts)
    BATCHES[cache_key(name, source, target, options)] += 1
    return outputs


def stats() -> dict[str, object]:
    """Loads and batches of this worker process, for tests and diagnostics."""
    return {"pid": os.getpid(), "loads": dict(LOADS), "batches": dict(BATCHES)}
