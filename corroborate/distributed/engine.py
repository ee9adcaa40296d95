"""The Ray engine: :class:`~corroborate.nightly.Engine` with every heavy step on Ray."""

from __future__ import annotations

from corroborate.distributed.cluster import cluster_cpus, connected
from corroborate.distributed.steps import RaySteps
from corroborate.distributed.work import RayWork
from corroborate.nightly import Engine

__all__ = ["connected", "ray_engine"]


def ray_engine(cpus: int | None = None) -> Engine:
    """An engine for the connected Ray cluster (see :func:`connected`), sized for ``cpus``
    CPUs (default: all the cluster has)."""
    cpus = cpus or cluster_cpus()
    return Engine(name="ray", steps=RaySteps(cpus), work=RayWork(cpus))
