"""A claim against one whole article: agree, disagree, discuss or unrelated, with evidence.

    >>> from corroborate.relations.stance_of_article import article_stance
    >>> result = article_stance("Iran sent drones to Russia", "seeds/x.txt")  # doctest: +SKIP
    >>> result.label, result.confidence, result.evidence[0].text  # doctest: +SKIP

The article is a file in the seeds text format (headline, date, URL, then one sentence a
line; cleaned and stripped of boilerplate as ingestion does) or plain text (split into
sentences). Its sentences closest to the claim are judged by the sentence judge, and the
article-level model (``article_stance_model``) weighs them with the rest of the article.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from corroborate.claims.extract import extract_claims
from corroborate.embedders import Embedder, get_embedder
from corroborate.errors import CorroborateError, InputError, RecordProblem
from corroborate.models import Article
from corroborate.readers import FORMAT_BY_EXTENSION, read_inputs
from corroborate.readers.sentences import split_sentences
from corroborate.relations.article_stance import STANCES, ArticleInput, article_features
from corroborate.relations.article_stance_model import ArticleStanceModel
from corroborate.relations.judge import RelationJudge, get_judge


@dataclass(frozen=True)
class EvidenceSentence:
    """One of the article's sentences closest to the claim, with the judge's verdict on it
    (``None`` past the sentences the judge rules on)."""

    text: str
    position: int
    """Its index among the article's sentences (after cleaning)."""
    cosine: float
    verdict: str | None
    reason: str | None


@dataclass(frozen=True)
class ArticleStance:
    """The article's stance towards the claim, the model's probabilities and the evidence."""

    claim: str
    label: str
    confidence: float
    probabilities: dict[str, float]
    evidence: tuple[EvidenceSentence, ...]
    headline: str | None
    source: str
    sentences: int


@dataclass(frozen=True)
class ArticleText:
    """An article's sentences, headline (if known) and where it came from."""

    sentences: list[str]
    headline: str | None
    source: str


@lru_cache(maxsize=1)
def packaged_model() -> ArticleStanceModel:
    """The packaged article-stance model, loaded once."""
    return ArticleStanceModel.load()


def read_article(article: str | Path) -> ArticleText:
    """The sentences of an article file (a ``Path``, or a one-line string naming a file with a
    known extension) or of plain article text.

    Raises :class:`InputError` for a missing or malformed file, :class:`CorroborateError` for
    an article without sentences.
    """
    if isinstance(article, Path) or _names_file(article):
        return _read_file(Path(article))
    sentences = split_sentences(article)
    if not sentences:
        raise CorroborateError("the article text has no sentences")
    return ArticleText(sentences, None, "<text>")


def _names_file(text: str) -> bool:
    return "\n" not in text and Path(text.strip()).suffix.lower() in FORMAT_BY_EXTENSION


def _read_file(path: Path) -> ArticleText:
    if path.is_dir():
        raise InputError(RecordProblem(str(path), None, "is a folder", "give one article file"))
    records = list(read_inputs([path], input_format="text"))
    problem = next((r for r in records if isinstance(r, RecordProblem)), None)
    if problem is not None:
        raise InputError(problem)
    article = next(record for record in records if isinstance(record, Article))
    sentences = [claim.text for claim in extract_claims(article)]
    if not sentences:
        raise CorroborateError(f"{path}: no sentences left after dropping boilerplate")
    return ArticleText(sentences, article.headline, str(path))


def article_stance(
    claim: str,
    article: str | Path,
    *,
    embedder: Embedder | None = None,
    judge: RelationJudge | None = None,
    model: ArticleStanceModel | None = None,
) -> ArticleStance:
    """The stance of ``article`` (file or text, see :func:`read_article`) towards ``claim``.

    ``embedder``, ``judge`` and ``model`` default to the packaged ones; the model was trained
    on features from the judge with the packaged head, so another judge shifts them.
    """
    if not claim.strip():
        raise CorroborateError("the claim is empty")
    text = read_article(article)
    embedder = embedder or get_embedder()
    vectors = embedder.encode([claim, *text.sentences])
    item = ArticleInput(claim, vectors[0], text.sentences, vectors[1:])
    features, (evidence,) = article_features([item], judge or get_judge(core="head_alone"))
    probabilities = (model or packaged_model()).predict_proba(features)[0]
    best = int(np.argmax(probabilities))
    judged = list(evidence.judgements) + [None] * (len(evidence.order) - len(evidence.judgements))
    return ArticleStance(
        claim=claim,
        label=STANCES[best],
        confidence=float(probabilities[best]),
        probabilities={name: float(p) for name, p in zip(STANCES, probabilities, strict=True)},
        evidence=tuple(
            EvidenceSentence(
                text.sentences[int(index)],
                int(index),
                float(cosine),
                None if judgement is None else judgement.label,
                None if judgement is None else judgement.reason,
            )
            for index, cosine, judgement in zip(
                evidence.order, evidence.cosines, judged, strict=True
            )
        ),
        headline=text.headline,
        source=text.source,
        sentences=len(text.sentences),
    )
