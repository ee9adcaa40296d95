"""ECB+ cross-document sentence pairs (``ecbplus/derived/ecbplus_crossdoc_sentence_pairs.jsonl``).

Mapping: coreferent_event (the sentences mention one event, usually stating different facts
about it) → neutral; same_topic_different_event (another event of the same kind, a hard
negative) → unrelated; same_subtopic_no_shared_event is ambiguous and skipped. All symmetric.
Topics 1-30 are for training, 31 and above for reporting. The group is the topic.
"""

from __future__ import annotations

from pathlib import Path

from corroborate.datasets.records import LabeledPair, Relation
from corroborate.datasets.tables import read_jsonl

EVENT_LABELS: dict[str, Relation] = {
    "coreferent_event": "neutral",
    "same_topic_different_event": "unrelated",
}
LAST_TRAINING_TOPIC = 30


def load_ecbplus(data_dir: Path, topics: range) -> list[LabeledPair]:
    """Pairs whose topic number is in ``topics`` (``range(1, 31)`` trains, ``range(31, 46)``
    reports)."""
    path = Path(data_dir) / "ecbplus" / "derived" / "ecbplus_crossdoc_sentence_pairs.jsonl"
    return [
        LabeledPair(
            row["text1"],
            row["text2"],
            EVENT_LABELS[row["label"]],
            symmetric=True,
            group=str(row["topic"]),
        )
        for row in read_jsonl(path)
        if row["topic"] in topics and row["label"] in EVENT_LABELS
    ]
