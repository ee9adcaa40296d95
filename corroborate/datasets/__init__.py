"""Loaders for the public labeled data sets, each mapped onto the relation labels.

In: the datasets folder (``../shared/datasets`` from the repository root). Out:
:class:`LabeledPair` records; the mapping from each set's own labels is documented in the
loader's module.
"""

from __future__ import annotations

from corroborate.datasets.claimmatch import load_claimmatch
from corroborate.datasets.ecbplus import load_ecbplus
from corroborate.datasets.emergent import load_emergent
from corroborate.datasets.fnc1 import load_fnc1
from corroborate.datasets.mrpc import load_mrpc
from corroborate.datasets.negation_probes import load_negation_probes
from corroborate.datasets.records import DEFAULT_DATA_DIR, RELATIONS, LabeledPair, Relation
from corroborate.datasets.rte import load_rte
from corroborate.datasets.snli import load_snli
from corroborate.datasets.stsb import load_stsb
from corroborate.datasets.vitaminc import load_vitaminc

__all__ = [
    "DEFAULT_DATA_DIR",
    "RELATIONS",
    "LabeledPair",
    "Relation",
    "load_claimmatch",
    "load_ecbplus",
    "load_emergent",
    "load_fnc1",
    "load_mrpc",
    "load_negation_probes",
    "load_rte",
    "load_snli",
    "load_stsb",
    "load_vitaminc",
]
