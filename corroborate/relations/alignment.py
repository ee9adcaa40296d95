"""Word alignment of two claims over MiniLM token states: how much of one claim the other says.

Two claims of one story lie close as pooled vectors whatever each says ("the balloon was used
for surveillance" and "it was tracked for days" share the balloon, the officials, the days).
Aligned word by word they come apart: each content word of one claim (a word piece of a word
that is not a stop word) is matched to its most similar token of the other, by the cosine of
their contextual states, and the claim's *coverage* is the mean of those best matches. A
claim restated or with detail added is covered by the other (the shorter side at least); two
other facts of one story leave both sides' own words (the predicate, its object) unmatched.
:meth:`WordAligner.coverage` is the larger of the two coverages.

The token states come from the packaged MiniLM as an int8 ONNX graph of unit token vectors
(:func:`~corroborate.embedders.onnx_export.export_float` with ``tokens``), exported once
beside the sentence graph; onnxruntime and a tokenizer run it, no torch.

:meth:`WordAligner.unmatched` names, per side, the content words whose best match in the other
claim is weak: what one claim says that the other does not (a name, a place, a figure), which
the judge reads as added detail when the other side's words are all found.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar, Literal, NamedTuple

import numpy as np

from corroborate.checks.words import STOPWORDS
from corroborate.relations.onnx_runs import judge_threads, run_spread, single_thread_session

SPECIAL_TOKENS = frozenset({"[CLS]", "[SEP]"})
MAX_TOKENS = 128
HELD_TEXTS = 2048
"""Texts whose token states are held between calls (float16, most recent first: about 25 kB a
claim of 30 tokens, so ~50 MB at most); grouping judges a claim in several chunks."""


def content_mask(tokens: Sequence[str]) -> np.ndarray:
    """Which word pieces are content: pieces of a word that is alphanumeric and not a stop
    word (a ``##`` piece belongs to the word it continues); special tokens never."""
    mask = np.zeros(len(tokens), dtype=bool)
    content = False
    for index, token in enumerate(tokens):
        if token in SPECIAL_TOKENS:
            content = False
            continue
        if not token.startswith("##"):
            content = token.isalnum() and token.casefold() not in STOPWORDS
        mask[index] = content
    return mask


class TokenStates(NamedTuple):
    """One text's unit token states with, per token, whether it is content and which content
    word it belongs to (-1: none), and each content word's character span in the text."""

    states: np.ndarray
    mask: np.ndarray
    word_of: np.ndarray
    spans: tuple[tuple[int, int], ...]


class Unmatched(NamedTuple):
    """What each claim of a pair says that the other does not: how many of its content words
    are not found there, and those words as phrases of its text (:func:`phrases`)."""

    words_a: int
    words_b: int
    phrases_a: tuple[str, ...]
    phrases_b: tuple[str, ...]

    def words_of(self, side: Literal["a", "b"]) -> int:
        """How many words of ``side`` are not found in the other."""
        return self.words_a if side == "a" else self.words_b

    def named_by(self, side: Literal["a", "b"]) -> str:
        """The words of ``side`` not found in the other, as a comma-separated detail."""
        return ", ".join(self.phrases_a if side == "a" else self.phrases_b)

    def fewer_words(self) -> int:
        """The count of the side with fewer words not found in the other."""
        return min(self.words_a, self.words_b)

    def adding_side(self, least: int, other_most: int = 0) -> Literal["a", "b"] | None:
        """The side with at least ``least`` more words not found in the other than the other
        has, while the other has at most ``other_most`` (that side says more), if one has."""
        if self.words_b <= other_most and self.words_a >= least + self.words_b:
            return "a"
        if self.words_a <= other_most and self.words_b >= least + self.words_a:
            return "b"
        return None


def token_states(
    states: np.ndarray, tokens: Sequence[str], offsets: Sequence[tuple[int, int]]
) -> TokenStates:
    """A tokenised text's ``states`` with its content words: word pieces grouped into words
    as :func:`content_mask` reads them, each with its character span."""
    mask = content_mask(tokens)
    word_of = np.full(len(tokens), -1, dtype=np.int32)
    spans: list[tuple[int, int]] = []
    for index, token in enumerate(tokens):
        if not mask[index]:
            continue
        if token.startswith("##") and index and word_of[index - 1] >= 0:
            word_of[index] = word_of[index - 1]
            start, _ = spans[-1]
            spans[-1] = (start, offsets[index][1])
        else:
            word_of[index] = len(spans)
            spans.append(offsets[index])
    return TokenStates(states, mask, word_of, tuple(spans))


def weak_words(one: TokenStates, other: TokenStates, similarity: float) -> list[int]:
    """The content words of ``one`` whose pieces' best cosines with ``other``'s tokens (not
    its special tokens) average under ``similarity``."""
    if not one.spans or other.states.shape[0] <= 2:
        return []
    best = (one.states @ other.states[1:-1].T).max(axis=1)
    return [
        word
        for word in range(len(one.spans))
        if float(best[one.word_of == word].mean()) < similarity
    ]


_NUMBER = re.compile(r"\d+(?:[.,]\d+)+")


def _whole_numbers(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with a piece of a written number ("3" of "3,800") widened to the number."""
    numbers = [match.span() for match in _NUMBER.finditer(text)]
    widened = set()
    for start, end in spans:
        whole = next((n for n in numbers if n[0] <= start and end <= n[1]), (start, end))
        widened.add(whole)
    return sorted(widened)


def phrases(text: str, spans: Sequence[tuple[int, int]]) -> tuple[str, ...]:
    """The words at ``spans`` of ``text`` (in order), neighbours joined into one phrase when
    only a space, hyphen or apostrophe lies between them ("Shahed-191", "Bayraktar TB2"); a
    piece of a written number stands for the whole number ("3,800", not "3")."""
    found: list[tuple[int, int]] = []
    for start, end in _whole_numbers(text, spans):
        between = text[found[-1][1] : start] if found else "?"
        if len(between) <= 1 and set(between) <= set(" -'\u2019"):
            found[-1] = (found[-1][0], end)
        else:
            found.append((start, end))
    return tuple(text[start:end] for start, end in found)


_WORD = re.compile(r"\w+")


def new_words(text: str, other: str) -> int:
    """How many content words (alphanumeric, not stop words) of ``text`` are not in ``other``,
    as lowercase strings: a cheap bound before :meth:`WordAligner.unmatched`, which finds a
    word written in both claims (nearly always) in the other."""
    own = {word for word in _WORD.findall(text.casefold()) if word not in STOPWORDS}
    return len(own - set(_WORD.findall(other.casefold())))


def covered(states: np.ndarray, mask: np.ndarray, other: np.ndarray) -> float:
    """The mean, over the content tokens (``mask``) of one claim's unit token ``states``, of
    each one's best cosine with the ``other`` claim's tokens; 1.0 with no content token."""
    if not mask.any() or other.size == 0:
        return 1.0
    return float((states[mask] @ other.T).max(axis=1).mean())


class WordAligner:
    """Coverage of claim pairs from the int8 token-state graph of the packaged MiniLM."""

    not_behaviour: ClassVar[tuple[str, ...]] = ("_session", "_tokenizer", "_states", "threads")
    """Fields that do not change what it answers (left out of the judge's identity)."""

    def __init__(self, graph: Path, tokenizer_file: Path) -> None:
        from tokenizers import Tokenizer

        self.graph = graph
        self.tokenizer_file = tokenizer_file
        self.threads = judge_threads()
        self._session = single_thread_session(graph)
        tokenizer = Tokenizer.from_file(str(tokenizer_file))
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.no_padding()
        self._tokenizer = tokenizer
        self._states: OrderedDict[str, TokenStates] = OrderedDict()

    def __reduce__(self) -> tuple[type[WordAligner], tuple[Path, Path]]:
        """Pickled as its files (an ONNX session cannot be): a Ray worker loads it anew."""
        return (WordAligner, (self.graph, self.tokenizer_file))

    def coverage(self, texts_a: Sequence[str], texts_b: Sequence[str]) -> np.ndarray:
        """Per pair, the larger of the two coverages (how much of one claim the other says)."""
        held = self._held([*texts_a, *texts_b])
        found = np.ones(len(texts_a), dtype=np.float64)
        for index, (a, b) in enumerate(zip(texts_a, texts_b, strict=True)):
            one, other = held[a], held[b]
            found[index] = max(
                covered(one.states, one.mask, other.states[1:-1]),
                covered(other.states, other.mask, one.states[1:-1]),
            )
        return found

    def unmatched(
        self, texts_a: Sequence[str], texts_b: Sequence[str], similarity: float
    ) -> list[Unmatched]:
        """Per pair, the words of a not found in b and of b not found in a
        (:func:`weak_words` under ``similarity``)."""
        held = self._held([*texts_a, *texts_b])
        found = []
        for a, b in zip(texts_a, texts_b, strict=True):
            one, other = held[a], held[b]
            weak_a, weak_b = weak_words(one, other, similarity), weak_words(other, one, similarity)
            found.append(
                Unmatched(
                    len(weak_a),
                    len(weak_b),
                    phrases(a, [one.spans[word] for word in weak_a]),
                    phrases(b, [other.spans[word] for word in weak_b]),
                )
            )
        return found

    def _held(self, texts: Sequence[str]) -> dict[str, TokenStates]:
        """Each text's token states (float32) and content words: those held, the rest encoded
        now, each text alone (the int8 graph scales its activations per run, so in a batch a
        text's states would hang on its batch-mates by up to 0.02 cosine); then the most
        recent :data:`HELD_TEXTS` are kept (float16)."""
        held = {text: self._states[text] for text in set(texts) if text in self._states}
        missing = sorted(set(texts) - held.keys())
        encodings = self._tokenizer.encode_batch(missing)
        states = run_spread(self._run, encodings, self.threads)
        for text, encoding, found in zip(missing, encodings, states, strict=True):
            held[text] = token_states(found.astype(np.float16), encoding.tokens, encoding.offsets)
        for text, value in held.items():
            self._states[text] = value
            self._states.move_to_end(text)
        while len(self._states) > HELD_TEXTS:
            self._states.popitem(last=False)
        return {
            text: value._replace(states=value.states.astype(np.float32))
            for text, value in held.items()
        }

    def _run(self, encoding: Any) -> np.ndarray:
        """The unit token states of one tokenised text, ``(tokens, dim)``."""
        ids = np.array([encoding.ids], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": 0 * ids}
        names = {item.name for item in self._session.get_inputs()}
        found = self._session.run(None, {k: v for k, v in feed.items() if k in names})[0]
        return np.asarray(found[0], dtype=np.float32)


@lru_cache(maxsize=1)
def load_word_aligner() -> WordAligner:
    """The aligner of the packaged MiniLM (its token-state graph exported on first use)."""
    from corroborate.embedders.factory import DEFAULT_MODEL, resolve_model
    from corroborate.embedders.onnx_model import int8_graph

    identity, location = resolve_model(DEFAULT_MODEL)
    graph = int8_graph(identity, location, tokens=True)
    return WordAligner(graph, Path(location) / "tokenizer.json")
