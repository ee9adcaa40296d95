"""Tests for corroborate.claims: cleaning, URLs, ids, boilerplate and claim extraction."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from seed_labels import dropped_lines, listed_boilerplate

from corroborate.claims import (
    ArticleIdentity,
    DropReason,
    RepeatedLines,
    article_id,
    canonical_url,
    claim_id,
    claim_text,
    clean_sentence,
    content_fingerprint,
    drop_reason,
    extract_claims,
    is_boilerplate_pattern,
    line_key,
    source_domain,
)
from corroborate.claims.social import strip_social_residue
from corroborate.models import Article
from corroborate.readers import read_inputs

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
USER_SEED = SEEDS / "000_bcfcac924693546e.txt"
SEED_URL = (
    "https://www.timesofisrael.com/russians-visited-iran-twice-in-june-to-assess-combat-drones-"
    "for-ukraine-us-says/"
)


def read_seed(path: Path) -> Article:
    """The one article in a seed file."""
    (record,) = read_inputs([path])
    assert isinstance(record, Article), record
    return record


def make_article(*sentences: str, url: str = "https://www.example.com/story") -> Article:
    return Article(headline="A headline", date=dt.date(2022, 7, 16), url=url, sentences=sentences)


# --- cleaning ---------------------------------------------------------------------------

CLEANING_CASES = [
    ("\u201cWe will respond,\u201d she said.", '"We will respond," she said.'),
    ("Iran\u2019s \u2018drones\u2019 don\u00b4t fly", "Iran's 'drones' don't fly"),
    ("\uff21\uff22\uff23 said \uff11\uff12 drones", "ABC said 12 drones"),
    ("From 2019\u20132022 it grew", "From 2019-2022 it grew"),
    ("The Russia\u2013Ukraine war", "The Russia-Ukraine war"),
    ("Iran \u2013 which denies it \u2013 said no", "Iran \u2014 which denies it \u2014 said no"),
    ("Iran\u2014which denies it\u2014said no", "Iran \u2014 which denies it \u2014 said no"),
    ("Iran -- which denies it -- said no", "Iran \u2014 which denies it \u2014 said no"),
    ("A non\u2011breaking hyphen and \u22125 degrees", "A non-breaking hyphen and -5 degrees"),
    ("Zero\u200bwidth\u200d and soft\u00adhyphen\ufeff", "Zerowidth and softhyphen"),
    ("Bell\x07 and\tTab\r\nbreak", "Bell and Tab break"),
    ("Non\u00a0breaking\u202fspaces", "Non breaking spaces"),
    ("  lots   of\n\n space  ", "lots of space"),
    ("\u2022 A bulleted claim here", "A bulleted claim here"),
    ("\u2022A bullet without a space", "A bullet without a space"),
    ("- A dashed list item", "A dashed list item"),
    ("* A starred list item", "A starred list item"),
    ("2. A numbered list item", "A numbered list item"),
    ("-5 degrees were recorded", "-5 degrees were recorded"),
    ("\u2014 Jake Sullivan (@JakeSullivan46)", "Jake Sullivan (@JakeSullivan46)"),
    ('"The whole sentence is quoted."', "The whole sentence is quoted."),
    ('"Quoted, with the stop outside".', "Quoted, with the stop outside."),
    ("'Single quotes wrap it all.'", "Single quotes wrap it all."),
    ('"An unpaired opening quote.', "An unpaired opening quote."),
    ('An unpaired closing quote."', "An unpaired closing quote."),
    ('"We will," he said, "respond."', '"We will," he said, "respond."'),
    ('Respond now," he said.', 'Respond now," he said.'),
    ("'Top Gun' beat the critics' forecasts'", "'Top Gun' beat the critics' forecasts'"),
    ("\u2022 \u201cA bulleted quote.\u201d", "A bulleted quote."),
]


@pytest.mark.parametrize(("raw", "cleaned"), CLEANING_CASES)
def test_clean_sentence(raw: str, cleaned: str) -> None:
    assert clean_sentence(raw) == cleaned


@pytest.mark.parametrize("raw", ["", "   ", "...", "\u2026", "* * *", "\u2014", '""', "\u200b"])
def test_clean_sentence_is_empty_without_letters_or_digits(raw: str) -> None:
    assert clean_sentence(raw) == ""


@pytest.mark.parametrize("raw", [raw for raw, _ in CLEANING_CASES])
def test_clean_sentence_is_idempotent(raw: str) -> None:
    once = clean_sentence(raw)
    assert clean_sentence(once) == once


# --- URLs -------------------------------------------------------------------------------

CNN_URL = "https://www.cnn.com/2022/07/16/politics/russia-iran-drones-kashan-airfield/index.html"
CNN_CANONICAL = "https://cnn.com/2022/07/16/politics/russia-iran-drones-kashan-airfield"


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (CNN_URL, CNN_CANONICAL),
        (
            "HTTPS://Edition.CNN.com:443/2022/07/16/Politics/?utm_source=twitter&utm_medium=social",
            "https://edition.cnn.com/2022/07/16/Politics",
        ),
        ("http://m.bbc.co.uk/news/world-62187420/", "http://bbc.co.uk/news/world-62187420"),
        ("https://amp.theguardian.com/world/x?CMP=share_btn_tw", "https://theguardian.com/world/x"),
        (
            "https://www.msn.com/a?ocid=msedgntp&id=7&fbclid=abc&b=2&gclid=x&ref=home",
            "https://msn.com/a?b=2&id=7",
        ),
        ("https://example.com/story#comments", "https://example.com/story"),
        ("https://example.com/#!/story/42", "https://example.com#!/story/42"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        ("https://user:secret@example.com/a", "https://example.com/a"),
        ("https://example.com/a/index.htm", "https://example.com/a"),
        ("https://example.com/a/index.php?id=3", "https://example.com/a/index.php?id=3"),
        ("https://example.com/q?x=a%20b&x=a+c", "https://example.com/q?x=a%20b&x=a+c"),
        ("www.reuters.com/world/", "https://reuters.com/world"),
        ("//www.reuters.com/world", "https://reuters.com/world"),
        ("https://www.gov.uk/government/news", "https://www.gov.uk/government/news"),
        ("https://example.com.", "https://example.com"),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_canonical_url_is_idempotent() -> None:
    assert canonical_url(canonical_url(CNN_URL)) == CNN_CANONICAL


@pytest.mark.parametrize("url", ["", "https://", "https:///path/only"])
def test_canonical_url_refuses_an_address_without_host(url: str) -> None:
    with pytest.raises(ValueError, match="no host name"):
        canonical_url(url)


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        (CNN_URL, "cnn.com"),
        ("https://edition.cnn.com/2022/07/16/x", "cnn.com"),
        ("https://www.bbc.co.uk/news/x", "bbc.co.uk"),
        ("https://news.sky.com/story/x", "sky.com"),
        ("https://english.alarabiya.net/News/x", "alarabiya.net"),
        ("https://www.smh.com.au/world/x", "smh.com.au"),
        ("https://www.abc.net.au/news/x", "abc.net.au"),
        ("https://www3.nhk.or.jp/nhkworld/x", "nhk.or.jp"),
        ("https://www.japantimes.co.jp/news/x", "japantimes.co.jp"),
        ("https://www.haaretz.co.il/x", "haaretz.co.il"),
        ("https://g1.globo.com.br/x", "globo.com.br"),
        ("https://timesofindia.indiatimes.com/x", "indiatimes.com"),
        ("https://www.thehindu.co.in/x", "thehindu.co.in"),
        ("https://www.gov.uk/government/news", "www.gov.uk"),
        ("https://www.ox.ac.uk/news", "ox.ac.uk"),
        ("https://someone.substack.com/p/x", "someone.substack.com"),
        ("https://www.presstv.ir/Detail/2022/07/19/x", "presstv.ir"),
        ("edition.cnn.com", "cnn.com"),
        ("http://192.168.1.10:8000/x", "192.168.1.10"),
        ("http://localhost/x", "localhost"),
    ],
)
def test_source_domain(url: str, domain: str) -> None:
    assert source_domain(url) == domain


# --- ids --------------------------------------------------------------------------------


def test_article_id_is_a_stable_short_hex_digest() -> None:
    assert article_id(CNN_CANONICAL) == "53e11c94d7198145"
    assert article_id("https://cnn.com/other") != article_id(CNN_CANONICAL)


def test_claim_id_names_article_and_position() -> None:
    assert claim_id("53e11c94d7198145", 7) == "53e11c94d7198145-0007"
    assert claim_id("53e11c94d7198145", 12345) == "53e11c94d7198145-12345"
    with pytest.raises(ValueError, match="position"):
        claim_id("53e11c94d7198145", -1)


def test_content_fingerprint_ignores_case_punctuation_and_spacing() -> None:
    original = ["Iran\u2019s drones flew.", "Russia \u2014 officials said \u2014 wants more."]
    retyped = ["  IRAN'S drones  flew ", "", "Russia, officials said, wants more!"]
    assert content_fingerprint(original) == content_fingerprint(retyped)
    assert len(content_fingerprint(original)) == 16


def test_content_fingerprint_changes_with_words_and_order() -> None:
    sentences = ["Iran denied it.", "Russia wants 300 drones."]
    assert content_fingerprint(sentences) != content_fingerprint(["Iran denied it."])
    assert content_fingerprint(sentences) != content_fingerprint(sentences[::-1])
    assert content_fingerprint(sentences) != content_fingerprint(
        ["Iran denied it.", "Russia wants 200 drones."]
    )


def test_line_key_matches_raw_and_cleaned_lines() -> None:
    raw = "\u2022 \u201cFollow CNN on Twitter\u201d\u00a0for  updates."
    assert line_key(raw) == line_key(clean_sentence(raw))
    assert line_key(raw) == line_key("follow cnn on twitter for updates")
    assert line_key(raw) != line_key("Follow CNN on Facebook for updates.")
    assert line_key("12 people died.") != line_key("13 people died.")


# --- boilerplate patterns ---------------------------------------------------------------

BOILERPLATE = [
    # subscriptions, newsletters, paywalls
    "Sign up for our Meanwhile in America newsletter to get the day's biggest stories in "
    "your inbox.",
    "Subscribe to CNN to read unlimited articles and support independent journalism.",
    "Sign up here.",
    "Register now for FREE unlimited access to Reuters.com",
    "Get our free daily newsletter every morning",
    "Get the latest news delivered to your inbox.",
    "Daily newsletter: Receive essential international news every morning.",
    "Already a subscriber? Log in",
    "You have reached your limit of free articles.",
    "Support the Guardian: fund independent journalism with a contribution today.",
    "Times of Israel: Stay informed with our daily edition.",
    # ads and site furniture
    "Advertisement",
    "ADVERTISEMENT",
    "Sponsored",
    "Sponsored content",
    "SKIP ADVERTISEMENT",
    "Story continues below advertisement",
    "Ad Feedback",
    "Related Topics",
    "Share this article",
    "Share on Facebook",
    # social follow prompts and embeds
    "Follow us on Twitter",
    "Follow CNN on Twitter, Facebook and Instagram for breaking news updates.",
    "Follow DW on social media for news and analysis from Germany and around the world.",
    "Follow AP's coverage of the war in Ukraine at https://apnews.com/hub/russia-ukraine",
    "Russia is buying drones from Iran pic.twitter.com/Ab12Cd34",
    "\u2014 Jake Sullivan (@JakeSullivan46) July 16, 2022",
    "A post shared by Jane Doe (@janedoe) on Jul 16, 2022 at 10:00am PDT",
    # links and calls to action
    "Read more: Iran denies supplying drones to Russia",
    "READ MORE: Biden arrives in Jeddah",
    "Click here to read the full statement.",
    "To see the satellite images, click here.",
    "Download our app for the latest news.",
    "Download the CNN app for breaking news alerts",
    "Get in touch: share your experience with BBC News.",
    "Send us your feedback.",
    # cookies and consent
    "We use cookies to improve your experience on our site.",
    "By continuing to browse the site you agree to our use of cookies.",
    "Accept all cookies",
    # copyright
    "\u00a9 2022 Reuters",
    "Copyright 2022 The Associated Press. All rights reserved.",
    "TASS: Russian News Agency. All rights reserved.",
    # updates
    "This story has been updated with additional information.",
    "Editor's note: This story has been updated.",
    "This is a developing story and will be updated.",
    "Updated 10:32 AM ET, Sat July 16, 2022",
    # credits, bylines, photo credits, slogans
    "Reporting by Parisa Hafezi in Dubai; Editing by Chris Reese",
    "(Reporting by Idrees Ali; additional reporting by Jonathan Landay; Editing by Mary Milliken)",
    "CNN's Jane Doe contributed to this report.",
    "By Jane Doe and John Roe, CNN",
    "Photo: AP",
    "(Photo by Atta Kenare/AFP via Getty Images)",
    "Image source, Getty Images",
    "Photograph: Vahid Salemi/AP",
    "The Washington Post: Democracy Dies in Darkness.",
    "(FRANCE 24 with AFP, AP and Reuters)",
]

NEWS = [
    "Twitter said it would subscribe new users automatically",
    "The newsletter company Substack raised $65 million",
    "Iran's foreign ministry said it would follow the talks closely",
    "Advertising revenue fell 12% in the quarter",
    "Reporting by the New York Times showed that the drones were Iranian.",
    "By Tuesday, Iranian officials said the talks had stalled.",
    "Copyright lawsuits against AI companies are multiplying.",
    "Following the talks, Iran said it would respond.",
    "Google said it would phase out third-party cookies in Chrome.",
    "Regulators fined the company over its cookie consent banners.",
    "Sign-up rates for the programme fell 5% last year.",
    "Registered voters rose by 2 million.",
    "Edited by Tina Brown, the magazine won several awards.",
    "Photos released by the White House show drones at the airfield.",
    "Users who click on the link are sent to a fake site, police said.",
    "On the App Store, TikTok ranked first in June.",
    "The report was updated on Monday, officials said.",
    "Published reports say Iran sold 300 drones.",
    "Support for the deal fell to 40%.",
    "Followers of the account shared the video on Telegram.",
    "Sullivan: Russia wants hundreds of drones from Iran.",
    "IRAN HAS DENIED SUPPLYING WEAPONS TO RUSSIA.",
    "Russia seeks 300 drones from Iran, US says.",
    "Satellite images released by the White House show Shahed-191 and Shahed-129 drones "
    "displayed at the airfield during the Russian visit.",
]


@pytest.mark.parametrize("line", BOILERPLATE)
def test_boilerplate_pattern_matches_site_furniture(line: str) -> None:
    assert is_boilerplate_pattern(clean_sentence(line))


@pytest.mark.parametrize("sentence", NEWS)
def test_boilerplate_pattern_keeps_news_sentences(sentence: str) -> None:
    assert not is_boilerplate_pattern(clean_sentence(sentence))


# --- repeated lines ---------------------------------------------------------------------


def test_repeated_lines_need_min_articles_of_the_same_domain() -> None:
    repeated = RepeatedLines()
    repeated.add_article("cnn.com", ["blurb", "blurb", "news-1"])
    repeated.add_article("cnn.com", ["blurb", "news-2"])
    repeated.add_article("bbc.co.uk", ["blurb"])
    assert repeated.articles("cnn.com", "blurb") == 2
    assert not repeated.is_repeated("cnn.com", "blurb")
    repeated.add_article("cnn.com", ["blurb"])
    assert repeated.is_repeated("cnn.com", "blurb")
    assert not repeated.is_repeated("bbc.co.uk", "blurb")
    assert not repeated.is_repeated("cnn.com", "news-1")


def test_repeated_lines_threshold_is_configurable() -> None:
    repeated = RepeatedLines(min_articles=2)
    repeated.add_article("dw.com", ["blurb"])
    assert not repeated.is_repeated("dw.com", "blurb")
    repeated.add_article("dw.com", ["blurb"])
    assert repeated.is_repeated("dw.com", "blurb")
    with pytest.raises(ValueError, match="min_articles"):
        RepeatedLines(min_articles=1)


def test_repeated_lines_round_trip_through_rows_and_merge() -> None:
    stored = RepeatedLines()
    stored.add_article("cnn.com", ["blurb", "news"])
    stored.add_article("cnn.com", ["blurb"])
    rows = stored.to_rows()
    assert rows == [("cnn.com", "blurb", 2), ("cnn.com", "news", 1)]

    loaded = RepeatedLines.from_rows(rows, min_articles=4)
    assert loaded.min_articles == 4
    assert loaded.to_rows() == rows

    batch = RepeatedLines()
    batch.add_article("cnn.com", ["blurb"])
    batch.add_article("bbc.co.uk", ["topics"])
    loaded.merge(batch)
    assert loaded.to_rows() == [
        ("bbc.co.uk", "topics", 1),
        ("cnn.com", "blurb", 3),
        ("cnn.com", "news", 1),
    ]
    assert not loaded.is_repeated("cnn.com", "blurb")  # threshold 4 kept


def test_repeated_lines_from_rows_adds_duplicates_and_refuses_bad_counts() -> None:
    rows = [("cnn.com", "blurb", 2), ("cnn.com", "blurb", 1)]
    assert RepeatedLines.from_rows(rows).is_repeated("cnn.com", "blurb")
    with pytest.raises(ValueError, match="count 0"):
        RepeatedLines.from_rows([("cnn.com", "blurb", 0)])


# --- extraction -------------------------------------------------------------------------


def test_extract_claims_from_the_user_seed() -> None:
    article = read_seed(USER_SEED)
    claims = extract_claims(article)

    dropped = [s for i, s in enumerate(article.sentences) if i not in {c.position for c in claims}]
    pleas = {line for name, line in listed_boilerplate() if name == USER_SEED.name}
    assert len(pleas) == 5
    assert set(dropped) == pleas  # every plea goes, no news sentence with them
    assert len(claims) == len(article.sentences) - 5

    expected_id = article_id(canonical_url(SEED_URL))
    for claim in claims:
        assert claim.article_id == expected_id
        assert claim.claim_id == claim_id(expected_id, claim.position)
        assert claim.url == SEED_URL  # as given; the canonical form is only the key
        assert claim.domain == "timesofisrael.com"
        assert claim.date == dt.date(2022, 7, 16)
        assert "pic.twitter" not in claim.text and "JakeSullivan46" not in claim.text
    (kashan,) = [claim for claim in claims if "exclusively by CNN" in claim.text]
    assert "national security adviser Jake Sullivan and" in kashan.text
    assert kashan.text.endswith("obtained exclusively by CNN.")
    assert "pic.twitter.comlCFVB26bU3" in article.sentences[kashan.position]  # provenance
    assert len({claim.claim_id for claim in claims}) == len(claims)


@pytest.mark.parametrize(
    ("line", "cleaned"),
    [
        ("Seen by CNN. pic.twitter.comlCFVB26bU3", "Seen by CNN."),
        ("Seen by CNN. pic.twitter.com/lCFVB26bU3", "Seen by CNN."),
        ("said adviser JakeSullivan46 and others", "said adviser Jake Sullivan and others"),
        ("said @JakeSullivan today https://t.co/AbC12", "said Jake Sullivan today"),
        ("McDonald and YouTube and F-16s stay", "McDonald and YouTube and F-16s stay"),
    ],
)
def test_social_residue_is_removed_from_claim_text(line: str, cleaned: str) -> None:
    assert strip_social_residue(line) == cleaned


def test_a_query_is_read_as_a_claim_text() -> None:
    pasted = "Iran sends @JakeSullivan46 drones https://t.co/x pic.twitter.com/Ab1"
    assert claim_text(pasted) == "Iran sends Jake Sullivan drones"
    assert claim_text(claim_text(pasted)) == claim_text(pasted)
    assert claim_text("  \u201cIran\u2019s drones\u201d  ") == "Iran's drones"


@pytest.mark.parametrize(
    "line",
    [
        "For as little as $6 a month you can help support our quality journalism.",
        "Unlike other news outlets, we havent put up a paywall.",
        "Were really pleased that youve read 5 Times of Israel articles in the past month.",
        "Please join The Times of Israel Community to read on, you will love it.",
        "Become a member and support our independent journalism today.",
    ],
)
def test_a_plea_to_readers_is_boilerplate_on_its_own(line: str) -> None:
    assert is_boilerplate_pattern(clean_sentence(line))


@pytest.mark.parametrize(
    "line",
    [
        "'You cannot ignore the international community,' he told reporters.",
        "Members of the community joined the protest on Saturday.",
        "The company charges $20 a month for the service, regulators said.",
        "We assess an official Russian delegation recently received a showcase, Sullivan said.",
        "Finland will join NATO, its president said, and you can expect Sweden to follow.",
    ],
)
def test_news_with_one_promotion_word_is_kept(line: str) -> None:
    assert not is_boilerplate_pattern(clean_sentence(line))


def test_extract_claims_cleans_text_and_headline_and_keeps_original_positions() -> None:
    article = Article(
        headline="\u201cDrones\u201d\u00a0 headline",
        date=dt.date(2022, 7, 16),
        url="https://www.example.com/story/?utm_source=x",
        sentences=(
            "\u2022 Iran\u2019s drones were\u200b shown to Russian officials.",
            "...",
            "Photo: AP",
            "Iran denied.",
            "Moscow wants  hundreds of drones.",
        ),
    )
    claims = extract_claims(article)
    assert [(claim.position, claim.text) for claim in claims] == [
        (0, "Iran's drones were shown to Russian officials."),
        (4, "Moscow wants hundreds of drones."),
    ]
    assert claims[0].headline == '"Drones" headline'
    assert claims[0].url == "https://www.example.com/story/?utm_source=x"  # as given
    assert claims[0].domain == "example.com"


def test_extract_claims_drops_lines_repeated_across_the_domain() -> None:
    blurb = "The Example Times is proud to serve its readers."
    article = make_article("Iran showed drones to Russian officials.", blurb)
    repeated = RepeatedLines()
    for _ in range(2):
        repeated.add_article("example.com", [line_key(blurb)])
    assert len(extract_claims(article, repeated=repeated)) == 2
    repeated.add_article("example.com", [line_key(blurb)])
    assert [c.position for c in extract_claims(article, repeated=repeated)] == [0]
    other_site = make_article(blurb, url="https://other.org/story")
    assert len(extract_claims(other_site, repeated=repeated)) == 1


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("", DropReason.EMPTY),
        ("Advertisement", DropReason.BOILERPLATE),
        ("Iran denied.", DropReason.TOO_SHORT),
        ("Drones, drones.", DropReason.TOO_SHORT),
        ("Iran denied it.", None),
        ("Iran denies supplying drones.", None),
    ],
)
def test_drop_reason(line: str, reason: DropReason | None) -> None:
    assert drop_reason(line, "example.com") is reason


def test_article_identity_recognises_the_same_article_elsewhere() -> None:
    article = make_article(
        "Iran\u2019s drones were shown.", url="https://www.example.com/story/index.html"
    )
    amp_copy = make_article(
        "IRAN'S drones were shown", url="https://amp.example.com/story?utm_medium=social"
    )
    identity = ArticleIdentity.of(article)
    assert identity == ArticleIdentity.of(amp_copy)
    assert identity.canonical_url == "https://example.com/story"
    assert identity.article_id == article_id("https://example.com/story")
    assert identity.domain == "example.com"


# --- the seed corpus --------------------------------------------------------------------


def test_seed_corpus_loses_exactly_its_listed_boilerplate() -> None:
    articles = [read_seed(path) for path in sorted(SEEDS.glob("*.txt"))]
    listed = listed_boilerplate()
    assert listed, "seeds/README.md lists no boilerplate"
    dropped = dropped_lines(articles, cross_article=True)
    assert sorted(dropped - listed) == [], "news sentences dropped"
    assert sorted(listed - dropped) == [], "boilerplate kept"
