"""Document-level features for a claim against a whole article (FNC-1's headline vs body).

The sentence judge sees one sentence pair at a time; an article's stance towards a claim is
spread over its sentences: whether any is on the claim's subject, whether the closest ones
restate it, hedge it ("reportedly", "could not confirm") or call it a hoax. For a claim and
an article (its sentences and their unit vectors) the features are built from what the
project already has: cosines to the claim, the claim's content words covered, the relation
head's probabilities both ways over the ``TOP_K`` closest sentences, the judge's verdicts on
the ``JUDGED`` closest, hedge cues (``checks.hedges``) and denial / attribution cue words.
Everything is batched over many articles: scoring FNC-1's test costs about twice the judge
on the three closest sentence pairs per article (the head on five, both ways, is the rest).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from corroborate.checks.hedges import find_hedge
from corroborate.checks.words import STOPWORDS, lower_words, stem
from corroborate.datasets.records import RELATIONS
from corroborate.embedders.cache import EmbeddingCache
from corroborate.readers.sentences import split_sentences
from corroborate.relations.judge import DIFFERENT_SUBJECT, Judgement, RelationJudge

STANCES: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")
"""The article-level labels, in FNC-1's order."""
TOP_K = 5
"""Closest sentences the relation head reads (both ways)."""
JUDGED = 3
"""Closest sentences the judge rules on (as the sentence-level FNC-1 rule does)."""
SUBJECT_COSINE = 0.45
"""Cosine at or above which a sentence counts as on the claim's subject (about the cosine
baseline's related/unrelated cut on FNC-1 train)."""
_CHUNK = 2048

VERDICT_KEYS: tuple[str, ...] = (
    "agree",
    "adds_detail",
    "contradicts",
    "same_story",
    "different_subject",
)
"""The judge's verdicts, with "unrelated" split by its reason."""

_REFUTING = re.compile(
    r"\b(?:fake[sd]?|hoax(?:es)?|false(?:ly)?|untrue|not\s+true|den(?:y|ies|ied|ial)|"
    r"debunk\w*|fabricat\w*|bogus|baseless|doctored|photoshopped|satir\w*|prank\w*|"
    r"retract\w*|refut\w*|dismiss\w*|no\s+evidence|misleading|nonsense|myth)\b",
    re.IGNORECASE,
)
_ATTRIBUTING = re.compile(
    r"\b(?:according\s+to|claim(?:s|ed)?|report(?:s|ed|edly)?|rumou?r(?:s|ed)?|"
    r"alleg\w*|sources?\s+(?:say|said|told)|purported\w*)\b",
    re.IGNORECASE,
)

FEATURE_NAMES: tuple[str, ...] = (
    "cosine_max",
    "cosine_second",
    "cosine_mean_top3",
    "cosine_mean_all",
    "share_on_subject",
    "coverage_body",
    "coverage_best",
    "coverage_top_max",
    "best_position",
    "lead_cosine",
    *(f"head_{way}_{stat}_{label}" for way in ("fwd", "bwd") for stat in ("mean", "max")
      for label in RELATIONS),
    *(f"judged_share_{key}" for key in VERDICT_KEYS),
    *(f"sentence_rule_{key}" for key in VERDICT_KEYS),
    "body_open_hedges",
    "body_soft_hedges",
    "top_open_hedges",
    "top_soft_hedges",
    "claim_open_hedge",
    "claim_soft_hedge",
    "body_refuting_share",
    "body_refuting_count",
    "top_refuting_share",
    "claim_refuting",
    "body_attributing_share",
    "top_attributing_share",
    "claim_attributing",
    "claim_question",
    "body_sentences",
    "claim_words",
)  # fmt: skip


@dataclass(frozen=True)
class ArticleInput:
    """A claim and an article: the article's sentences and their unit vectors, the claim's."""

    claim: str
    claim_vector: np.ndarray
    sentences: Sequence[str]
    vectors: np.ndarray

    def __post_init__(self) -> None:
        if len(self.sentences) == 0:
            raise ValueError("an article needs at least one sentence")
        if len(self.sentences) != len(self.vectors):
            raise ValueError(f"{len(self.sentences)} sentences but {len(self.vectors)} vectors")


@dataclass(frozen=True)
class Evidence:
    """The article's sentences closest to the claim, best first, with the judge's verdicts
    on the first ``JUDGED`` of them (b is the claim, a the sentence)."""

    order: np.ndarray
    cosines: np.ndarray
    judgements: tuple[Judgement, ...]


def article_inputs(
    bodies: Sequence[str], claims: Sequence[str], cache: EmbeddingCache, *, show: bool = False
) -> list[ArticleInput]:
    """(body, claim) pairs as article inputs: each body split into sentences, all encoded
    through ``cache`` (a body shared by many claims is split and stacked once)."""
    sentences = {body: split_sentences(body) or [body] for body in dict.fromkeys(bodies)}
    unique = list(dict.fromkeys(s for group in sentences.values() for s in group))
    vectors = dict(zip(unique, cache.encode(unique, show_progress=show), strict=True))
    stacked = {body: np.stack([vectors[s] for s in group]) for body, group in sentences.items()}
    claim_vectors = cache.encode(list(claims), show_progress=show)
    return [
        ArticleInput(claim, vector, sentences[body], stacked[body])
        for body, claim, vector in zip(bodies, claims, claim_vectors, strict=True)
    ]


def verdict_key(judgement: Judgement) -> str:
    """The judge's label, an ``unrelated`` one told apart by its reason."""
    if judgement.label != "unrelated":
        return judgement.label
    return "different_subject" if judgement.reason == DIFFERENT_SUBJECT else "same_story"


def representative(keys: Sequence[str]) -> int:
    """Of the verdict keys on a text's sentences (closest first), the one that speaks for it:
    the first taking a stance, else the first on the same subject, else the first."""
    for wanted in (("agree", "adds_detail", "contradicts"), ("same_story",)):
        for index, key in enumerate(keys):
            if key in wanted:
                return index
    return 0


def sentence_rule(keys: Sequence[str]) -> str:
    """The verdict of the closest sentence taking a stance, else of the closest one on the
    same subject, else ``different_subject`` (the sentence-level FNC-1 rule)."""
    return keys[representative(keys)] if keys else "different_subject"


@lru_cache(maxsize=1 << 16)
def content_stems(text: str) -> frozenset[str]:
    """Stems of the words of ``text`` that carry content (no function words, 3+ letters)."""
    return frozenset(stem(w) for w in lower_words(text) if len(w) > 2 and w not in STOPWORDS)


@lru_cache(maxsize=1 << 16)
def _cues(text: str) -> tuple[float, float, float, float]:
    """Open hedge, soft hedge, refuting cue count, attributing cue of one sentence."""
    hedge = find_hedge(text)
    return (
        float(hedge is not None and hedge.strength == "open"),
        float(hedge is not None and hedge.strength == "soft"),
        float(len(_REFUTING.findall(text))),
        float(_ATTRIBUTING.search(text) is not None),
    )


def _coverage(claim: frozenset[str], words: frozenset[str]) -> float:
    return len(claim & words) / len(claim) if claim else 1.0


def _closest(item: ArticleInput) -> tuple[np.ndarray, np.ndarray]:
    cosines = np.asarray(item.vectors, dtype=np.float32) @ np.asarray(
        item.claim_vector, dtype=np.float32
    )
    return np.argsort(-cosines, kind="stable")[:TOP_K], cosines


def _text_features(item: ArticleInput, order: np.ndarray, cosines: np.ndarray) -> list[float]:
    """Cosine, coverage, cue and length features of one article."""
    ranked = cosines[order]
    claim = content_stems(item.claim)
    sentence_words = [content_stems(s) for s in item.sentences]
    body = frozenset().union(*sentence_words)
    top = order[:JUDGED]
    cues = np.array([_cues(s) for s in item.sentences])
    top_cues = cues[top]
    claim_cues = _cues(item.claim)
    return [
        float(ranked[0]),
        float(ranked[1]) if len(ranked) > 1 else float(ranked[0]),
        float(ranked[:3].mean()),
        float(cosines.mean()),
        float(np.mean(cosines >= SUBJECT_COSINE)),
        _coverage(claim, body),
        _coverage(claim, sentence_words[int(order[0])]),
        max(_coverage(claim, sentence_words[int(i)]) for i in order),
        float(order[0]) / len(item.sentences),
        float(cosines[:2].max()),
        float(cues[:, 0].mean()),
        float(cues[:, 1].mean()),
        float(top_cues[:, 0].mean()),
        float(top_cues[:, 1].mean()),
        claim_cues[0],
        claim_cues[1],
        float(np.mean(cues[:, 2] > 0)),
        math.log1p(float(cues[:, 2].sum())),
        float(np.mean(top_cues[:, 2] > 0)),
        float(claim_cues[2] > 0),
        float(cues[:, 3].mean()),
        float(top_cues[:, 3].mean()),
        claim_cues[3],
        float("?" in item.claim),
        math.log1p(len(item.sentences)),
        min(len(item.claim.split()), 50) / 10.0,
    ]


def _head_stats(probabilities: np.ndarray) -> list[float]:
    return [*probabilities.mean(axis=0), *probabilities.max(axis=0)]


def _verdict_features(keys: Sequence[str]) -> list[float]:
    rule = sentence_rule(keys)
    return [sum(k == key for k in keys) / len(keys) for key in VERDICT_KEYS] + [
        float(rule == key) for key in VERDICT_KEYS
    ]


def article_features(
    items: Sequence[ArticleInput], judge: RelationJudge
) -> tuple[np.ndarray, list[Evidence]]:
    """The ``(len(items), len(FEATURE_NAMES))`` feature matrix and each article's evidence."""
    closest = [_closest(item) for item in items]
    orders = [order for order, _ in closest]
    owner = np.repeat(np.arange(len(items)), [len(order) for order in orders])
    texts_a = [items[k].sentences[int(i)] for k, order in enumerate(orders) for i in order]
    texts_b = [items[int(k)].claim for k in owner]
    u = np.concatenate([items[k].vectors[order] for k, order in enumerate(orders)])
    v = np.stack([items[int(k)].claim_vector for k in owner])
    u, v = u.astype(np.float32), v.astype(np.float32)
    forward = judge.head.predict_proba(u, v, texts_a, texts_b)
    backward = judge.head.predict_proba(v, u, texts_b, texts_a)
    rank = np.arange(len(owner)) - np.searchsorted(owner, owner)
    judged = np.flatnonzero(rank < JUDGED)
    judgements: list[Judgement] = []
    for start in range(0, len(judged), _CHUNK):
        rows = judged[start : start + _CHUNK]
        judgements += judge.judge(
            [texts_a[i] for i in rows], [texts_b[i] for i in rows], u[rows], v[rows]
        )
    judged_owner = owner[judged]
    starts = np.searchsorted(owner, np.arange(len(items)))
    judged_starts = np.searchsorted(judged_owner, np.arange(len(items)))
    rows_out: list[list[float]] = []
    evidence: list[Evidence] = []
    for index, (item, (order, cosines)) in enumerate(zip(items, closest, strict=True)):
        span = slice(starts[index], starts[index] + len(order))
        verdicts = judgements[judged_starts[index] : judged_starts[index] + min(JUDGED, len(order))]
        text = _text_features(item, order, cosines)
        rows_out.append(
            text[:10]
            + _head_stats(forward[span])
            + _head_stats(backward[span])
            + _verdict_features([verdict_key(j) for j in verdicts])
            + text[10:]
        )
        evidence.append(Evidence(order, cosines[order], tuple(verdicts)))
    return np.array(rows_out, dtype=np.float32).reshape(len(items), len(FEATURE_NAMES)), evidence
