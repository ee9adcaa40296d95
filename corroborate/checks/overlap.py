"""How far two claims speak of the same thing: their content words and how many they share."""

from __future__ import annotations

from functools import lru_cache

from corroborate.checks.entities import canonical_word
from corroborate.checks.words import STOPWORDS, TOKEN_RE, plain_punctuation, stem, word_set

_SAME_EVENT_SHARE = 0.5  # of the shorter claim's content words, for one event
_PHRASE_EVENT_SHARE = 0.34  # the same, when the claims share a phrase of two words


# News words for one thing that share no stem: each key on the left reads as the one on the
# right ("blasts" meet "explosions", "the vessel struck" meets "the ship hit").
_SYNONYM_KEYS = {
    "blast": "explosion",
    "vessel": "ship",
    "strik": "hit",
    "uav": "dron",
    "airship": "balloon",
}


@lru_cache(maxsize=1 << 16)
def _content_key(word: str, in_name: bool = False) -> str | None:
    """The comparable form of a content word ("Moscow's" -> "russia", "blasts" ->
    "explosion"); None for "the", unless ``in_name`` says it is part of a name ("Ever" in
    "the Ever Given")."""
    if word.lower() in STOPWORDS and not in_name:
        return None
    key = stem(canonical_word(word))
    return _SYNONYM_KEYS.get(key, key)


def _in_name(words: list[str], position: int) -> bool:
    """True if the capitalised word at ``position`` (not the first) runs into a capitalised
    neighbour other than the sentence's first word: part of a name of several words, such
    as "Ever Given"."""
    if position == 0 or not words[position][0].isupper() or words[position] == "I":
        return False
    before = words[position - 1] if position > 1 else ""
    after = words[position + 1] if position + 1 < len(words) else ""
    return any(word[:1].isupper() for word in (before, after))


@lru_cache(maxsize=8192)
def _key_sets(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The keys of all content words of ``text``, and of those not capitalised."""
    every: set[str] = set()
    lowercase: set[str] = set()
    words = TOKEN_RE.findall(plain_punctuation(text))
    for position, word in enumerate(words):
        key = _content_key(word, _in_name(words, position))
        if key is not None:
            every.add(key)
            if word[0].islower():
                lowercase.add(key)
    return frozenset(every), frozenset(lowercase)


@lru_cache(maxsize=8192)
def _word_keys(text: str) -> frozenset[str]:
    """The keys of the content words of ``text`` that are not numbers."""
    return frozenset(key for key in content_keys(text) if not key[0].isdigit())


def content_keys(text: str) -> frozenset[str]:
    """The comparable forms of the content words of ``text``, names included."""
    return _key_sets(text)[0]


def lowercase_keys(text: str) -> frozenset[str]:
    """The comparable forms of the content words of ``text`` that are not capitalised:
    what happened rather than who or where."""
    return _key_sets(text)[1]


def mostly_shared(
    a: frozenset[str], b: frozenset[str], *, of_shorter: float, of_longer: float = 0.0
) -> bool:
    """True if a and b share two words or more (one if either has one), and the shared
    words make up at least ``of_shorter`` of the smaller set and ``of_longer`` of the
    larger."""
    shorter, longer = sorted((len(a), len(b)))
    shared = len(a & b)
    if shorter == 0 or shared < min(2, shorter):
        return False
    return shared / shorter >= of_shorter and shared / longer >= of_longer


def same_event(a: str, b: str, ignore: frozenset[str]) -> bool:
    """True if a and b plausibly report the same event, judged by their content words
    other than numbers and ``ignore`` (the words of the amounts or dates compared): they
    must share much, and a lowercase word among it ("wants" in both, not only names).

    Two claims that give different numbers or dates conflict only if they do: "Iran sent a
    dozen drones to Russia" and "Ukraine shot down 40 drones over Odesa" need not.
    """
    if not lowercase_keys(a) & lowercase_keys(b) - ignore:
        return False
    keys_a, keys_b = _word_keys(a) - ignore, _word_keys(b) - ignore
    if mostly_shared(keys_a, keys_b, of_shorter=_SAME_EVENT_SHARE):
        return True
    # a shared phrase ("entered US airspace" / "drifted into US airspace") lets less do
    return bool(_phrases(a) & _phrases(b)) and mostly_shared(
        keys_a, keys_b, of_shorter=_PHRASE_EVENT_SHARE
    )


_NOT_ADVERBS = word_set(
    "supply reply apply family rally ally assembly anomaly monopoly italy july early only"
)


def _adverb(word: str) -> bool:
    """True for "heavily" or "sharply": an -ly word, bar the nouns and verbs spelt so."""
    lower = word.lower()
    return lower.endswith("ly") and len(lower) > 4 and lower not in _NOT_ADVERBS


@lru_cache(maxsize=8192)
def _phrases(text: str) -> frozenset[tuple[str, str]]:
    """Pairs of adjacent content words, one of them not capitalised and neither an adverb
    ("US airspace", "traffic jam"; not "Suez Canal", which names rather than tells, nor
    "relied heavily", which says how rather than what)."""
    words = TOKEN_RE.findall(plain_punctuation(text))
    found = set()
    for position in range(len(words) - 1):
        first, second = words[position], words[position + 1]
        if (first[0].isupper() and second[0].isupper()) or _adverb(first) or _adverb(second):
            continue
        key_a, key_b = _content_key(first), _content_key(second)
        if key_a and key_b and not (key_a[0].isdigit() or key_b[0].isdigit()):
            found.add((key_a, key_b))
    return frozenset(found)
