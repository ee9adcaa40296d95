"""Attribution: the speaker and the reporting verb split off, the claim kept."""

from __future__ import annotations

import pytest

from corroborate.checks.attribution import extract_attribution


@pytest.mark.parametrize(
    ("text", "speaker", "verb", "claim"),
    [
        ("Sullivan said Russia wants drones.", "Sullivan", "said", "Russia wants drones"),
        (
            "Russia wants drones, said Jake Sullivan.",
            "Jake Sullivan",
            "said",
            "Russia wants drones",
        ),
        ("According to CNN, Russia bought drones.", "CNN", "according to", "Russia bought drones"),
        (
            "Russia bought drones, according to US officials.",
            "US officials",
            "according to",
            "Russia bought drones",
        ),
        (
            "US officials said Tehran was preparing to train Russian forces.",
            "US officials",
            "said",
            "Tehran was preparing to train Russian forces",
        ),
        (
            "The Kremlin denied that Russia bought drones.",
            "The Kremlin",
            "denied",
            "Russia bought drones",
        ),
        (
            "The delegation visited on June 8, US National Security Advisor Jake Sullivan said.",
            "US National Security Advisor Jake Sullivan",
            "said",
            "The delegation visited on June 8",
        ),
        (
            "The visits are the first step, Sullivan said in a statement.",
            "Sullivan",
            "said",
            "The visits are the first step",
        ),
        (
            "\u201cRussia bought drones,\u201d Sullivan told reporters on Tuesday.",
            "Sullivan",
            "told reporters",
            "Russia bought drones",
        ),
        (
            "A spokesman for the Iranian foreign ministry said on Monday that no drones were sold.",
            "A spokesman for the Iranian foreign ministry",
            "said",
            "no drones were sold",
        ),
        (
            "Russia attacked Ukraine, officials said.",
            "officials",
            "said",
            "Russia attacked Ukraine",
        ),
        (
            "Investigators said Sunday the gunman held a grudge.",
            "Investigators",
            "said",
            "the gunman held a grudge",
        ),
    ],
)
def test_splits_speaker_verb_and_claim(text: str, speaker: str, verb: str, claim: str) -> None:
    attribution = extract_attribution(text)
    assert attribution is not None
    assert (attribution.speaker, attribution.verb, attribution.claim) == (speaker, verb, claim)


@pytest.mark.parametrize(
    "text",
    [
        "Moscow is looking to buy hundreds of Iranian drones.",
        "Satellite images released by the White House show Shahed-191 drones.",
        "The drones said to be Iranian were shown.",  # no speaker before "said"
        "Advertisement",
    ],
)
def test_unattributed_sentences_give_none(text: str) -> None:
    assert extract_attribution(text) is None


def test_the_same_claim_reads_the_same_whoever_said_it() -> None:
    first = extract_attribution("Sullivan said Russia wants Iranian drones.")
    second = extract_attribution("Russia wants Iranian drones, according to officials.")
    assert first is not None and second is not None
    assert first.claim == second.claim


def test_a_clause_after_the_reporting_verb_stays_in_the_claim() -> None:
    found = extract_attribution(
        "Russian officials have recently visited Iran twice, US National Security Advisor Jake "
        "Sullivan said Saturday, as Moscow looks to bolster its arsenal."
    )
    assert found is not None
    assert found.speaker == "US National Security Advisor Jake Sullivan"
    assert found.claim == (
        "Russian officials have recently visited Iran twice, as Moscow looks to bolster its arsenal"
    )
