"""What grouping computed, kept on disk so the next run only works on what changed.

One ``.npz`` file, replaced atomically (temp + rename), holds:

- the claims it covers, each with a digest of its text, date, outlet and vector, so a claim
  whose vector or text changed (another model, a rebuilt index) counts as new;
- each claim's exact neighbour list (:mod:`corroborate.retrieval.neighbours`), valid for one ``k``;
- the judged labels of the neighbour edges and the full judgements of members against
  their group's canonical claim, valid for one judge (:func:`judge_identity`: its classes,
  settings, model weights or files, and the source of the judge, its models and its checks;
  editing a training script changes nothing).

A changed ``k`` drops the lists, a changed judge drops the judgements; either way the state
is only a cache: deleting it costs one full regroup, never a different result.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import numpy as np

from corroborate.checks import Effect, Finding
from corroborate.models import Claim
from corroborate.relations.judge import LABELS, Judgement, Label, RelationJudge
from corroborate.retrieval.neighbours import NeighbourLists
from corroborate.storage.atomic import atomic_write

STATE_VERSION = 3
STATE_DIR = "grouping"
STATE_FILE = "state.npz"
_PACKAGE = Path(__file__).parent
_JUDGE_SOURCES = ("judge.py", "features.py", "verdict.py", "pair_judge.py", "pair_model.py")

Pair = tuple[str, str]
"""Two claim ids, in the order they were judged (a, b)."""


def state_path(index_directory: Path) -> Path:
    """Where the grouping state of the index in ``index_directory`` lives."""
    return index_directory / STATE_DIR / STATE_FILE


def claim_digest(claim: Claim, vector: np.ndarray) -> str:
    """A digest of what a claim's judgements depend on: text, date, outlet and vector."""
    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"{claim.text}\x00{claim.date}\x00{claim.domain}\x00".encode())
    digest.update(np.ascontiguousarray(vector, dtype=np.float32).tobytes())
    return digest.hexdigest()


class _Fingerprint:
    """Hashes what defines a judge: arrays by content, plain values by repr, project objects by
    their fields (and the source of their modules; not those a class lists in
    ``not_behaviour``, such as a cache), model files by content, loaded foreign
    models (an NLI cross-encoder) by their weights or, lacking those, their model name."""

    def __init__(self) -> None:
        self.digest = hashlib.blake2b(digest_size=16)
        self.modules: set[str] = set()

    def feed(self, value: object, depth: int = 0) -> None:
        if isinstance(value, np.ndarray):
            self.digest.update(f"{value.dtype}{value.shape}".encode())
            self.digest.update(np.ascontiguousarray(value).tobytes())
        elif value is None or isinstance(value, str | int | float | bool):
            self.digest.update(repr(value).encode())
        elif isinstance(value, Path):
            self._feed_path(value)
        elif isinstance(value, list | tuple | set | frozenset):
            for item in sorted(value, key=repr) if isinstance(value, set | frozenset) else value:
                self.feed(item, depth + 1)
        elif isinstance(value, dict):
            for key in sorted(value, key=str):
                self.digest.update(str(key).encode())
                self.feed(value[key], depth + 1)
        else:
            self._feed_object(value, depth)

    def _feed_object(self, value: object, depth: int) -> None:
        kind = type(value)
        self.digest.update(f"{kind.__module__}.{kind.__qualname__}".encode())
        if depth >= 8:
            return
        if kind.__module__.startswith("corroborate"):
            self.modules.add(kind.__module__)
            if hasattr(value, "__dict__"):
                skipped = getattr(kind, "not_behaviour", ())
                fields = {k: v for k, v in vars(value).items() if k not in skipped}
                self.feed(fields, depth + 1)
            return
        state_dict = getattr(value, "state_dict", None)
        if callable(state_dict):
            for name, tensor in sorted(state_dict().items()):
                self.digest.update(name.encode())
                self.feed(tensor.detach().cpu().numpy(), depth + 1)
            return
        config = getattr(value, "config", None)
        self.feed(getattr(config, "_name_or_path", None), depth + 1)

    def _feed_path(self, path: Path) -> None:
        self.digest.update(str(path).encode())
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for item in files:
            if item.is_file():
                self.digest.update(item.name.encode())
                self.digest.update(item.read_bytes())

    def feed_sources(self) -> None:
        """The source of the project modules met, of the checks and of the pair features."""
        files = {_PACKAGE / "relations" / name for name in _JUDGE_SOURCES}
        files |= set((_PACKAGE / "checks").glob("*.py"))
        for module in self.modules:
            relative = Path(*module.split(".")[1:]).with_suffix(".py")
            files.add(_PACKAGE / relative)
        for source in sorted(files):
            if source.is_file():
                self.digest.update(source.name.encode())
                self.digest.update(source.read_bytes())


def judge_identity(judge: RelationJudge) -> str:
    """A digest naming the judge's behaviour: class, settings, model weights (or model files)
    and the source code of the judge and its checks; a new model or new rules change it."""
    fingerprint = _Fingerprint()
    fingerprint.feed(judge)
    fingerprint.feed_sources()
    return fingerprint.digest.hexdigest()


_FIELDS = tuple(item.name for item in dataclasses.fields(Judgement))
_CONFLICT, _FINDINGS = _FIELDS.index("conflict"), _FIELDS.index("findings")
_EFFECTS = {effect.value: effect for effect in Effect}
_LABEL_CODES = {label: code for code, label in enumerate(LABELS)}


def judgement_to_row(judgement: Judgement) -> list[Any]:
    """A JSON-ready form of a judgement (its fields in order, findings as lists) that
    :func:`judgement_from_row` reads back equal."""
    row = [getattr(judgement, name) for name in _FIELDS]
    row[_FINDINGS] = [
        [finding.check, finding.effect.value, finding.reason, finding.span_a, finding.span_b]
        for finding in judgement.findings
    ]
    return row


def judgement_from_row(row: Sequence[Any]) -> Judgement:
    """The judgement :func:`judgement_to_row` wrote."""
    values = list(row)
    conflict = values[_CONFLICT]
    values[_CONFLICT] = tuple(conflict) if conflict is not None else None
    values[_FINDINGS] = tuple(
        Finding(check, _EFFECTS[effect], reason, span_a, span_b)
        for check, effect, reason, span_a, span_b in values[_FINDINGS]
    )
    return Judgement(*values)


@dataclass
class GroupingState:
    """The cached work of one grouping, keyed by claim ids (see the module docstring)."""

    k: int
    judge: str
    claim_ids: list[str] = field(default_factory=list)
    digests: list[str] = field(default_factory=list)
    lists: NeighbourLists = field(default_factory=lambda: NeighbourLists.empty(0, 0))
    """Row ``i``: the list of ``claim_ids[i]``, ids being positions in ``claim_ids``."""
    edges: dict[Pair, Label] = field(default_factory=dict)
    verdicts: dict[Pair, Judgement] = field(default_factory=dict)
    """(canonical id, member id) → the member's judgement against the canonical claim."""

    def fits(self, k: int, judge: str) -> tuple[bool, bool]:
        """Whether the stored lists (same ``k``) and judgements (same judge) can be used."""
        return self.k == k, self.judge == judge

    def save(self, path: Path) -> None:
        """Write the state to ``path`` atomically (readers see the old or the new file)."""
        position = {claim: i for i, claim in enumerate(self.claim_ids)}
        edge_pairs = list(self.edges)
        meta = {"version": STATE_VERSION, "k": self.k, "judge": self.judge}
        verdicts = [
            [position[a], position[b], judgement_to_row(judgement)]
            for (a, b), judgement in self.verdicts.items()
        ]
        arrays: dict[str, np.ndarray] = {
            "meta": np.array(json.dumps(meta)),
            "claim_ids": np.array(self.claim_ids, dtype=str),
            "digests": np.array(self.digests, dtype=str),
            "neighbours": self.lists.ids.astype(np.int32),
            "scores": self.lists.scores,
            "edges": np.fromiter(
                (position[claim] for pair in edge_pairs for claim in pair),
                dtype=np.int32,
                count=2 * len(edge_pairs),
            ).reshape(-1, 2),
            "edge_labels": np.fromiter(
                (_LABEL_CODES[label] for label in self.edges.values()),
                dtype=np.int8,
                count=len(self.edges),
            ),
            "verdicts": np.array(json.dumps(verdicts)),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(path)
        atomic_write(path, lambda temp: _savez(temp, arrays))

    @classmethod
    def load(cls, path: Path) -> GroupingState | None:
        """The state saved at ``path``, or ``None`` when there is none or it is unreadable
        (then grouping starts from zero)."""
        try:
            with np.load(path, allow_pickle=False) as stored:
                meta = json.loads(str(stored["meta"]))
                if meta.get("version") != STATE_VERSION:
                    return None
                claim_ids = [str(claim) for claim in stored["claim_ids"].tolist()]
                lists = NeighbourLists(
                    stored["neighbours"].astype(np.int64), stored["scores"].astype(np.float64)
                )
                ends = stored["edges"].reshape(-1, 2)
                edges = dict(
                    zip(
                        zip(
                            map(claim_ids.__getitem__, ends[:, 0].tolist()),
                            map(claim_ids.__getitem__, ends[:, 1].tolist()),
                            strict=True,
                        ),
                        map(LABELS.__getitem__, stored["edge_labels"].tolist()),
                        strict=True,
                    )
                )
                verdicts = {
                    (claim_ids[a], claim_ids[b]): judgement_from_row(row)
                    for a, b, row in json.loads(str(stored["verdicts"]))
                }
                digests = [str(digest) for digest in stored["digests"].tolist()]
        except (OSError, ValueError, KeyError, IndexError, TypeError):
            return None
        return cls(int(meta["k"]), str(meta["judge"]), claim_ids, digests, lists, edges, verdicts)


def _remove_leftovers(path: Path) -> None:
    """Delete temporary files that killed writers of ``path`` left (their process is gone)."""
    for temp in path.parent.glob(f".{path.name}.tmp-*"):
        pid = temp.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _savez(path: Path, arrays: dict[str, np.ndarray]) -> None:
    with open(path, "wb") as handle:
        np.savez(handle, **cast(dict[str, Any], arrays))


def known_positions(
    state: GroupingState, claim_ids: Sequence[str], digests: Sequence[str]
) -> dict[int, int]:
    """Current position → stored position, for every claim the state knows unchanged."""
    stored = {claim: i for i, claim in enumerate(state.claim_ids)}
    found: dict[int, int] = {}
    for now, (claim, digest) in enumerate(zip(claim_ids, digests, strict=True)):
        before = stored.get(claim)
        if before is not None and state.digests[before] == digest:
            found[now] = before
    return found
