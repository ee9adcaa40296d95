"""Peeling judges an outlet's claims against the canonical claim only up to the first one
judged related: the claims after it are never read (each outlet keeps one claim)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

from corroborate.grouping.groups import Judging, _Claims, _judge_members, _kept_rows
from corroborate.grouping.work import LocalWork
from corroborate.models import Claim
from corroborate.relations.judge import Judgement

DAY = dt.date(2024, 3, 1)
OUTLETS = ["a.com", "x.com", "x.com", "y.com", "y.com", "z.com", "z.com"]
RELATED = {"claim 2", "claim 3", "claim 4"}
"""Claims the fake judge calls agreeing with the canonical claim 0 (claim 4: never asked)."""


class _FakeJudge:
    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []

    def judge(
        self,
        texts_a: Sequence[str],
        texts_b: Sequence[str],
        u: np.ndarray,
        v: np.ndarray,
        dates_a: Sequence[dt.date | None] | None = None,
        dates_b: Sequence[dt.date | None] | None = None,
    ) -> list[Judgement]:
        self.asked += list(zip(texts_a, texts_b, strict=True))
        return [Judgement("agree" if b in RELATED else "unrelated", 0.9, "fake") for b in texts_b]


def _data() -> _Claims:
    claims = [
        Claim(f"c{i}", f"claim {i}", f"art{i}", f"https://{domain}/{i}", domain, DAY, "News", 0)
        for i, domain in enumerate(OUTLETS)
    ]
    vectors = np.eye(len(claims), dtype=np.float32)
    return _Claims(claims, vectors)


def test_each_outlet_is_judged_down_to_its_first_related_claim() -> None:
    data, judge = _data(), _FakeJudge()
    judging = Judging(judge, {}, data.reader(0.63), None, LocalWork())  # type: ignore[arg-type]
    others = [1, 2, 3, 4, 5, 6]  # most similar first
    verdicts: dict[tuple[str, str], Judgement] = {}
    judged = _judge_members([(0, others)], data, judging, {}, verdicts)
    asked = [b for _, b in judge.asked]
    # first wave: each outlet's most similar claim; then x.com's second (its first was
    # unrelated) and z.com's second; y.com keeps claim 3, so claim 4 is never judged
    assert set(asked[:3]) == {"claim 1", "claim 3", "claim 5"}
    assert set(asked[3:]) == {"claim 2", "claim 6"} and len(asked) == 5
    assert judged == 5 and len(verdicts) == 5
    assert _kept_rows(0, others, data, verdicts) == {"x.com": 2, "y.com": 3}


def test_verdicts_already_known_are_not_judged_again() -> None:
    data, judge = _data(), _FakeJudge()
    judging = Judging(judge, {}, data.reader(0.63), None, LocalWork())  # type: ignore[arg-type]
    known = {("c0", "c1"): Judgement("agree", 0.9, "cached")}
    verdicts: dict[tuple[str, str], Judgement] = {}
    judged = _judge_members([(0, [1, 2, 3])], data, judging, known, verdicts)
    assert [b for _, b in judge.asked] == ["claim 3"]  # x.com keeps the cached claim 1
    assert judged == 1 and verdicts[("c0", "c1")].reason == "cached"
