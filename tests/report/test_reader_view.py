"""What a reader sees: sentence links, reasons in words, disputes first, no blame wording."""

from __future__ import annotations

import datetime as dt
import html
import inspect
import re

import pytest
from seed_labels import load_inventions, planted_disputes

from corroborate.cli.bench import speed
from corroborate.grouping.groups import ClaimGroup
from corroborate.grouping.stance import Stance
from corroborate.models import Claim
from corroborate.relations.judge import Judgement
from corroborate.report import IndexSnapshot, build_report, render_html, render_markdown
from corroborate.report.links import sentence_link
from corroborate.report.reasons import reader_reason
from corroborate.report.serialize import group_to_dict
from corroborate.report.svg import matrix_svg
from corroborate.report.views import group_views, sides_of
from corroborate.report.wording import dispute_summary, plural

NOW = dt.datetime(2022, 7, 20, 6, 0, tzinfo=dt.UTC)
HUNDREDS = "Moscow is looking to acquire hundreds of the drones for its offensive."


def _claim(domain: str, text: str, position: int = 2) -> Claim:
    return Claim(
        f"{domain}-{position}",
        text,
        domain,
        f"https://www.{domain}/2022/07/16/story/index.html",
        domain,
        dt.date(2022, 7, 16),
        "Drones",
        position,
    )


def _stance(domain: str, text: str, judgement: Judgement, origin: int) -> Stance:
    return Stance(_claim(domain, text), judgement, origin, 0.8)


AGREE = Judgement("agree", 0.9, "same claim")
DOZENS = Judgement(
    "contradicts",
    0.8,
    "numbers differ: 'hundreds' (drone) vs 'a few dozen' (drone)",
    conflict=("hundreds", "a few dozen"),
)
GROUP = ClaimGroup(
    "g1",
    _claim("timesofisrael.com", HUNDREDS, 0),
    (
        _stance("reuters.com", "Russia wants several hundred drones from Iran.", AGREE, 1),
        _stance("bbc.co.uk", "Moscow wants to buy hundreds of the aircraft.", AGREE, 2),
        _stance("france24.com", "Russia is seeking only a few dozen drones.", DOZENS, 3),
    ),
    (0, 0, 1),
)


def _report():  # type: ignore[no-untyped-def]
    claims = [GROUP.canonical, *(member.claim for member in GROUP.members)]
    snapshot = IndexSnapshot(
        "indexes/t",
        1,
        "2022-07-20T05:00:00+00:00",
        "m",
        claims,
        {claim.domain: 1 for claim in claims},
        (GROUP,),
    )
    return build_report(snapshot, None, generated_at=NOW)


def test_a_sentence_link_jumps_to_the_sentence() -> None:
    link = sentence_link(
        "https://www.cnn.com/2022/07/16/politics/x/index.html#top",
        "Russian officials have visited an airfield in central Iran at least twice, US says.",
    )
    base, fragment = link.split("#:~:text=")
    assert base == "https://www.cnn.com/2022/07/16/politics/x/index.html"  # as given
    start, end = fragment.split(",")
    assert start == "Russian%20officials%20have%20visited"
    assert end == "least%20twice%20US%20says"
    assert "%2D" in sentence_link("https://a.com/x", "A weapons-capable drone was shown")
    assert sentence_link("javascript:alert(1)", "text") == "javascript:alert(1)"


@pytest.mark.parametrize(
    ("judgement", "said"),
    [
        (DOZENS, "france24.com says 'a few dozen' where timesofisrael.com says 'hundreds'"),
        (
            Judgement(
                "adds_detail",
                0.8,
                "b is more precise: 'up to 300' (drone) for 'hundreds' (drone)",
                adds="b",
                detail="up to 300",
            ),
            "france24.com gives a figure, 'up to 300', where timesofisrael.com says 'hundreds'",
        ),
        (
            Judgement("adds_detail", 0.8, "a adds number", adds="a"),
            "timesofisrael.com adds a number",
        ),
        (
            Judgement("agree", 0.8, "'several' (round) matches 'hundreds'"),
            "'several' matches 'hundreds'",
        ),
    ],
)
def test_reasons_name_the_outlets(judgement: Judgement, said: str) -> None:
    assert reader_reason(judgement, "timesofisrael.com", "france24.com") == said


def test_plural() -> None:
    assert (plural(1, "outlet"), plural(2, "outlet"), plural(0, "outlet")) == (
        "1 outlet",
        "2 outlets",
        "0 outlets",
    )


def test_disputes_are_sides_on_the_first_screen_with_no_blame() -> None:
    page = html.unescape(render_html(_report()))
    assert page.index('id="contested"') < page.index('id="changes"')
    assert page.index('id="contested"') < page.index('id="corroborated"')
    assert '"hundreds" — 3 outlets, 3 independent origins' in page
    assert '"a few dozen" — 1 outlet, 1 independent origin' in page
    assert page.index('"hundreds" —') < page.index('"a few dozen" —')  # larger side first
    assert "#:~:text=Russia%20is%20seeking%20only" in page
    assert "(sentence 3)" in page  # position 2
    outlets = page[page.index('id="outlets"') : page.index('id="matrix"')]
    assert "minority position" in outlets and "contradicts" not in outlets
    for blame in ("wrong", "unreliable", "reliability", "false"):
        assert blame not in page.lower()


def test_markdown_disputes_link_sentences_and_say_where() -> None:
    text = render_markdown(_report())
    assert text.index("## Disputed claims") < text.index("## Most corroborated")
    assert '**"a few dozen" — 1 outlet, 1 independent origin**' in text
    assert re.search(r"\]\(https://www\.france24\.com/[^)]*#:~:text=[^)]*\), sentence 3", text)
    assert "minority position" in text


def test_stories_grid_labels_columns_with_the_claim() -> None:
    svg = matrix_svg(_report())
    assert "Moscow is looking to acquire" in svg
    assert not re.search(r">1</text>", svg)


def test_outlets_table_counts_minority_positions() -> None:
    rows = {row.domain: row for row in _report().outlets}
    assert (rows["france24.com"].minority, rows["france24.com"].minority_rate) == (1, 1.0)
    assert (rows["reuters.com"].minority, rows["timesofisrael.com"].minority) == (0, 0)
    assert rows["reuters.com"].disputed == 1


def test_planted_disputes_count_an_invention_only_on_its_own_side() -> None:
    invention = load_inventions()[0]
    labelled_other = (
        "Moscow is looking to acquire hundreds of the drones, some of them capable of carrying "
        "weapons, for its offensive in Ukraine."
    )

    def report(sides: list[list[str]]) -> dict[str, object]:
        return {"groups": [{"sides": [{"claims": [{"text": t} for t in s]} for s in sides]}]}

    apart = report([[labelled_other], [invention.sentence]])
    together = report([[labelled_other, invention.sentence], ["Something else entirely."]])
    assert dict((i.sentence, shown) for i, shown in planted_disputes(apart))[invention.sentence]
    assert not dict((i.sentence, s) for i, s in planted_disputes(together))[invention.sentence]
    assert len({i.file for i in load_inventions()}) == 14


def test_bench_speed_default_size_runs_in_minutes() -> None:
    assert inspect.signature(speed).parameters["claims"].default <= 200_000


def test_an_outlet_silent_on_the_disputed_point_takes_no_side() -> None:
    """Agreeing with the canonical claim is no position on its disputed figure when the outlet
    gives none: dw.com states no date, so it does not swell the "February 1" side."""
    february = "The balloon entered US airspace on February 1, officials said."
    january = Judgement(
        "contradicts",
        0.8,
        "dates differ: 'February 1' vs 'January 28'",
        conflict=("February 1", "January 28"),
    )
    group = ClaimGroup(
        "g2",
        _claim("presstv.ir", february, 0),
        (
            _stance(
                "dw.com", "The balloon entered US airspace, drawing public attention.", AGREE, 1
            ),
            _stance("cnn.com", "The balloon entered US airspace on February 1.", AGREE, 2),
            _stance("nytimes.com", "The balloon entered US airspace on January 28.", january, 3),
        ),
        (0, 0, 1),
    )
    sides = {side.words: side.outlets for side in sides_of(group)}
    assert sides == {"February 1": ["cnn.com", "presstv.ir"], "January 28": ["nytimes.com"]}
    (view,) = group_views([group])
    assert view.silent_outlets() == ["dw.com"]
    assert dispute_summary(view).endswith("also in the story, saying nothing on it: dw.com")
    assert group_to_dict(group)["on_no_side"] == ["dw.com"]
