"""Scale out: machine translation on a Dask distributed cluster, everything else in the client.

The client reads the articles, runs the glossary/locale/tag hooks and writes every catalog (one writer
per catalog), exactly as an in-process run does — it runs the same :func:`transloc.pipeline.translate`.
Only the engine's ``translate_batch`` calls go to the workers, and they are sent ahead: before the first
catalog is filled, every batch of every article and target language is already queued on the cluster,
so the workers stay busy while the client saves each batch as it is consumed. See the README's
"Scaling" section. Needs the optional extra ``transloc[cluster]`` (dask, distributed).
"""

from __future__ import annotations

from .cluster import Cluster, ClusterEngine, connect

__all__ = ["Cluster", "ClusterEngine", "connect"]
