"""Reading whole ECB+ documents from their tokenised XML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from corroborate.datasets.ecbplus_documents import detokenize, load_ecbplus_documents

SENTENCES = [
    "http : / / www . example . com / story",
    "Actress checks into rehab",
    "`` We appreciate her family 's privacy , '' the rep said at 2 : 47 .",
    '" She does n\'t drink , " a friend said , " she \u2019 s a full - time mother . "',
]


def write_document(path: Path, sentences: list[str]) -> None:
    tokens: list[str] = []
    for number, sentence in enumerate(sentences):
        for position, token in enumerate(sentence.split()):
            text = token.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
            tokens.append(
                f'<token t_id="{len(tokens) + 1}" sentence="{number}" '
                f'number="{position}">{text}</token>'
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'<Document doc_name="{path.name}">\n' + "\n".join(tokens) + "\n<Markables/>\n</Document>\n"
    )


def test_documents_are_read_detokenised_and_given_synthetic_metadata(tmp_path: Path) -> None:
    root = tmp_path / "ecbplus" / "ECB+"
    write_document(root / "2" / "2_1ecb.xml", ["Second topic ."])
    write_document(root / "1" / "1_10ecbplus.xml", SENTENCES)
    write_document(root / "1" / "1_2ecb.xml", ["First document ."])

    articles = load_ecbplus_documents(tmp_path)

    assert [Path(article.source).name for article in articles] == [
        "1_2ecb.xml",
        "1_10ecbplus.xml",
        "2_1ecb.xml",
    ]
    article = articles[1]
    assert article.sentences == (
        "Actress checks into rehab",
        '"We appreciate her family\'s privacy," the rep said at 2:47.',
        '"She doesn\'t drink," a friend said, "she\u2019s a full-time mother."',
    )
    assert article.headline == "Actress checks into rehab"
    assert article.url.startswith("https://outlet") and article.url.endswith("/1_10ecbplus")
    assert article.date == articles[0].date != articles[2].date
    assert isinstance(article.date, dt.date)
    assert [Path(a.source).name for a in load_ecbplus_documents(tmp_path, range(2, 3))] == [
        "2_1ecb.xml"
    ]


TOKENISED = "He paid $ 6 , 000 ( 4 . 5 % ) for U . S . and I / O in 2008 , 2009 ."


def test_detokenize_spaces_brackets_and_currency() -> None:
    assert detokenize(TOKENISED.split()) == (
        "He paid $6,000 (4.5%) for U.S. and I/O in 2008, 2009."
    )
