"""Sentence splitting of free news text."""

from __future__ import annotations

import time

import pytest

from corroborate.readers.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prices rose. Markets fell!", ["Prices rose.", "Markets fell!"]),
        (
            "Mr. Smith met Dr. Jones on Jan. 6. They talked.",
            ["Mr. Smith met Dr. Jones on Jan. 6.", "They talked."],
        ),
        (
            "U.S. officials met U.N. envoys in Geneva.",
            ["U.S. officials met U.N. envoys in Geneva."],
        ),
        (
            "Drones were sold to the U.S. The deal angered Moscow.",
            ["Drones were sold to the U.S.", "The deal angered Moscow."],
        ),
        ("The U.S. Treasury said so.", ["The U.S. Treasury said so."]),
        (
            "The deal is worth $1.2 billion. It was 3.5% higher.",
            ["The deal is worth $1.2 billion.", "It was 3.5% higher."],
        ),
        ("John F. Kennedy spoke at St. Mary's.", ["John F. Kennedy spoke at St. Mary's."]),
        (
            "Apple Inc. said sales rose. Apple Inc. The maker of phones.",
            ["Apple Inc. said sales rose.", "Apple Inc.", "The maker of phones."],
        ),
        (
            '"We are ready," he said. "Are we?" she asked.',
            ['"We are ready," he said.', '"Are we?" she asked.'],
        ),
        (
            'He said: "It is over." Then he left.',
            ['He said: "It is over."', "Then he left."],
        ),
        (
            "He said \u201cit is over.\u201d Then he left.",
            ["He said \u201cit is over.\u201d", "Then he left."],
        ),
        (
            "He waited... and waited... Then he left.",
            ["He waited... and waited...", "Then he left."],
        ),
        ("It was done\u2026 Nobody noticed.", ["It was done\u2026", "Nobody noticed."]),
        ("Really?! Yes. 2022 was a hard year.", ["Really?!", "Yes.", "2022 was a hard year."]),
        ("Visit example.com or call 555.1234 now.", ["Visit example.com or call 555.1234 now."]),
        ("", []),
        ("  \n\n ", []),
    ],
)
def test_splits_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_blank_line_and_unpunctuated_line_end_sentences() -> None:
    text = "Advertisement\nIran denied it\n\nThe talks went on"
    assert split_sentences(text) == ["Advertisement", "Iran denied it", "The talks went on"]


def test_wrapped_lines_are_joined() -> None:
    text = (
        "Iran denied supplying weapons to\neither side, officials\nsaid.  Talks,\n"
        "In Geneva, went on."
    )
    assert split_sentences(text) == [
        "Iran denied supplying weapons to either side, officials said.",
        "Talks, In Geneva, went on.",
    ]


def test_whitespace_is_normalised() -> None:
    assert split_sentences("  One\tsentence   here.  \r\n") == ["One sentence here."]


def test_long_text_is_fast() -> None:
    text = "Mr. Smith said the U.S. paid $1.2 billion. The deal closed on Jan. 6. " * 20_000
    started = time.perf_counter()
    sentences = split_sentences(text)
    assert len(sentences) == 40_000
    assert time.perf_counter() - started < 5
