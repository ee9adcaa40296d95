"""Split free news text into sentences with regular expressions.

A sentence ends at ``.``, ``!``, ``?`` or an ellipsis (with any closing quotes or
brackets after it) when whitespace and a word that is not lower case follow.
A full stop after a title (``Mr.``, ``Gen.``, ``Jan.``) or an initial (``John F.``)
never ends a sentence; one after an initialism (``U.S.``) or a company suffix
(``Inc.``) ends it only when a typical sentence opener (``The``, ``He``) follows.

A blank line always ends a sentence. A single line break does too, unless the
next line starts in lower case or the line ends with a comma or semicolon, in
which case the lines are one wrapped paragraph.
"""

from __future__ import annotations

import re

# Abbreviations after which a full stop never ends a sentence.
_NEVER_FINAL = frozenset(
    {
        "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Sen", "Rep", "Gov", "Lt", "Gen", "Col", "Maj",
        "Capt", "Cpt", "Sgt", "Cmdr", "Adm", "Rev", "Hon", "Pres", "Supt", "Det", "Insp", "Amb",
        "Atty", "Sec", "Fr", "St", "Ste", "Mt", "Ft", "No", "Nos", "Nr", "Vol", "vs", "v", "cf",
        "pp", "p", "approx", "ca", "est", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
        "Sept", "Oct", "Nov", "Dec", "e.g", "i.e",
    }
)

# Abbreviations that often end a sentence too: split only before a sentence opener.
_SOMETIMES_FINAL = frozenset({"Inc", "Corp", "Co", "Ltd", "Bros", "Jr", "Sr", "etc", "al"})

_SENTENCE_OPENERS = frozenset(
    {
        "The", "A", "An", "It", "Its", "He", "She", "They", "We", "I", "You", "This", "That",
        "These", "Those", "There", "Their", "His", "Her", "Our", "My", "In", "On", "At", "As",
        "For", "If", "When", "While", "After", "Before", "But", "And", "Or", "So", "Yet", "However",
        "Meanwhile", "Still", "Also", "Now", "Then", "Since", "Although", "Though", "Despite",
        "Some", "Many", "Most",
    }
)

_TERMINATOR = re.compile(
    r"""
    (?P<stop>\.{2,}|\u2026|[.!?]+)               # terminal punctuation or an ellipsis
    ['"\u201d\u2019)\]]*                         # closing quotes and brackets stay with it
    (?=\s+['"\u201c\u2018(\[]*(?P<next>\w+))    # then whitespace and the next word
    """,
    re.VERBOSE,
)
_OPENING_PUNCTUATION = "'\"\u201c\u2018(["
_LONGEST_ABBREVIATION = 16
_INITIAL = re.compile(r"[A-Z]")
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_WHITESPACE = re.compile(r"\s+")


def split_sentences(text: str) -> list[str]:
    """Return the sentences of ``text``, whitespace-normalised, in order."""
    return [
        sentence
        for paragraph in _paragraphs(text)
        for sentence in _split_paragraph(_WHITESPACE.sub(" ", paragraph).strip())
    ]


def _paragraphs(text: str) -> list[str]:
    """Group lines into paragraphs, joining lines of one wrapped paragraph."""
    paragraphs: list[str] = []
    current: list[str] = []
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if current and not (line and _continues(current[-1], line)):
            paragraphs.append(" ".join(current))
            current = []
        if line:
            current.append(line)
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` carries on the sentence that ``previous`` left open."""
    return line[0].islower() or previous.endswith((",", ";"))


def _split_paragraph(paragraph: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for match in _TERMINATOR.finditer(paragraph):
        if _ends_sentence(paragraph, match):
            sentences.append(paragraph[start : match.end()].strip())
            start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _ends_sentence(paragraph: str, match: re.Match[str]) -> bool:
    """Decide whether the punctuation in ``match`` ends a sentence."""
    next_word = match["next"]
    if next_word[0].islower():
        return False
    if match["stop"] != ".":
        return True
    before = paragraph[max(0, match.start() - _LONGEST_ABBREVIATION) : match.start()].split()
    word = before[-1].lstrip(_OPENING_PUNCTUATION) if before else ""
    if word in _NEVER_FINAL or _INITIAL.fullmatch(word):
        return False
    if word in _SOMETIMES_FINAL or _INITIALISM.fullmatch(word):
        return next_word in _SENTENCE_OPENERS
    return True
