"""A verdict's reason as a reader would say it, naming the outlets instead of "a" and "b".

The judge writes its reasons about a pair (a, b): "numbers differ: 'hundreds' (drone) vs
'only a few dozen' (drone)", "b is more precise: 'up to 300' (drone) for 'hundreds' (drone)",
"a adds number". Shown to a reader, that becomes "france24.com says 'only a few dozen' where
timesofisrael.com says 'hundreds'" or "theguardian.com gives a figure, 'up to 300', where
timesofisrael.com says 'hundreds'".
"""

from __future__ import annotations

import re

from corroborate.relations.judge import Judgement

# The unit or kind the checks tag a span with: "'hundreds' (drone)", "'several' (round)".
_TAG = re.compile(r"('[^']*')\s\([^)]*\)")
_SIDE = re.compile(r"(?:^|(?<=[:;,] )|(?<=\bof )|(?<=\bthan )|(?<=\bin ))([ab])(?=[ :;,.]|$)")
_PRECISE = re.compile(r"^[ab] is more precise: ('[^']*') for ('[^']*')")
_WHAT_ADDED = {"number": "a number", "date": "a date", "name": "a name", "place": "a place"}


def _untagged(text: str) -> str:
    return _TAG.sub(r"\1", text)


def reader_reason(judgement: Judgement, reference: str, outlet: str) -> str:
    """``judgement`` (of the reference claim a against the outlet's claim b) in words."""
    if judgement.label == "contradicts" and judgement.conflict:
        said_a, said_b = judgement.conflict
        if said_a and said_b:
            return f"{outlet} says '{said_b}' where {reference} says '{said_a}'"
    reason = _untagged(judgement.reason)
    precise = _PRECISE.match(reason)
    if precise and judgement.adds == "b":
        return f"{outlet} gives a figure, {precise[1]}, where {reference} says {precise[2]}"
    if judgement.label == "adds_detail" and judgement.detail:
        adder, other = (outlet, reference) if judgement.adds == "b" else (reference, outlet)
        return f"{adder} adds '{judgement.detail}', which {other} does not give"
    named = {"a": reference, "b": outlet}
    reason = _SIDE.sub(lambda match: named[match[1]], reason)
    for word, phrase in _WHAT_ADDED.items():
        reason = re.sub(rf"\badds {word}\b", f"adds {phrase}", reason)
    return reason
