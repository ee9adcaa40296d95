"""Connect to Ray (a cluster, or a local one) and size work for its CPUs."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

from corroborate.errors import CorroborateError

MAX_RETRIES = 3
"""How often a task, or an actor's call, is retried after its worker died; an actor is
restarted as often. A worker that keeps dying fails the run (the index is left as it was)."""
CONNECT_TIMEOUT = 5.0
"""Seconds to wait for a cluster address to accept a connection."""
WORKER_ENV = {"HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}


def require_ray() -> ModuleType:
    """The ``ray`` module, or an error saying how to install it."""
    try:
        import ray
    except ImportError:
        raise CorroborateError(
            "the ray engine needs Ray: install it with pip install 'corroborate[ray]' "
            "(or use the default --engine local)"
        ) from None
    return ray


@contextmanager
def connected(address: str | None = None, num_cpus: int | None = None) -> Iterator[None]:
    """Be connected to Ray inside the block: to the cluster at ``address`` (``auto``: the
    one ``ray start`` runs here), else to a new local Ray with ``num_cpus`` CPUs (default:
    all). A connection made elsewhere is used as it is and left open."""
    ray = require_ray()
    if address:
        check_reachable(address)
    if ray.is_initialized():
        yield
        return
    env = {name: os.environ.get(name, value) for name, value in WORKER_ENV.items()}
    try:
        ray.init(
            address=address,
            num_cpus=None if address else num_cpus,
            include_dashboard=False,
            log_to_driver=False,
            runtime_env={"env_vars": env},
        )
    except ConnectionError as error:
        raise CorroborateError(
            f"cannot reach a Ray cluster at {address!r}: {error}. Start one with "
            "'ray start --head' or check the address"
        ) from None
    quiet_data()
    try:
        yield
    finally:
        ray.shutdown()


def check_reachable(address: str, timeout: float = CONNECT_TIMEOUT) -> None:
    """Fail fast, with a clear message, when ``HOST:PORT`` accepts no connection (Ray itself
    would retry for minutes); other forms (``auto``, ``ray://...``) are left to Ray."""
    host, _, port = address.rpartition(":")
    if "://" in address or not host or not port.isdigit():
        return
    try:
        socket.create_connection((host, int(port)), timeout=timeout).close()
    except OSError as error:
        raise CorroborateError(
            f"cannot reach a Ray cluster at {address}: {error.strerror or error}. Start one "
            "with 'ray start --head' there, or check --ray-address"
        ) from None


def quiet_data() -> None:
    """No Ray Data progress bars or per-dataset log lines: the run reports its own."""
    ray = require_ray()
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)


def cluster_cpus() -> int:
    """The CPUs of the connected cluster (at least 1)."""
    ray = require_ray()
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def partitions(total: int, parts: int, minimum: int = 1) -> list[tuple[int, int]]:
    """``[start, end)`` ranges splitting ``total`` items into at most ``parts`` nearly equal
    ones of at least ``minimum`` items (fewer when there is little to split)."""
    count = max(1, min(parts, total // max(minimum, 1)))
    bounds = [round(i * total / count) for i in range(count + 1)]
    return [(bounds[i], bounds[i + 1]) for i in range(count) if bounds[i] < bounds[i + 1]]
