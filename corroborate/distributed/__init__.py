"""Beside the nightly batch: the same run on a Ray cluster (``corroborate run --engine ray``).

In: what :func:`corroborate.nightly.run_nightly` takes, plus a Ray address (or none: a
local Ray). Out: the same index, grouping state and report as the local engine. Only the
heavy steps move to Ray (:class:`corroborate.nightly.Engine`): reading files (Ray Data, one
block per file group), the repeated-line counts (map-reduce: tasks count partitions, the
driver sums), claim extraction (tasks), encoding (an actor pool holding the encoder),
adding vectors to an IVF index (shards encoded in parallel, merged), neighbour search and
judging (tasks over claim partitions and pair batches). Selection of new articles, the
union-find over judged edges, the commit and the report stay on the driver, in the
library's own code.

Needs the ``ray`` extra (``pip install 'corroborate[ray]'``); nothing else imports it.
"""

from corroborate.distributed.engine import connected, ray_engine

__all__ = ["connected", "ray_engine"]
