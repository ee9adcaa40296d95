"""Reading articles from text, JSONL, CSV and Parquet inputs, and reporting bad records."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from types import SimpleNamespace
from typing import BinaryIO

import polars as pl
import pytest

from corroborate.errors import InputError, RecordProblem
from corroborate.models import Article
from corroborate.readers import MAX_LINE_CHARS, SUPPORTED_FORMATS, read_inputs

URL = "https://www.example.com/2022/07/16/drones"
ARTICLE_TEXT = (
    "Russian officials visited Iranian airfield\n"
    "20220716\n"
    f"{URL}\n"
    "Russian officials visited an airfield in Iran.\n"
    "\n"
    "   Advertisement   \n"
    "Iran denied supplying weapons.\n"
)


def read(
    *paths: str | Path, input_format: str | None = None, stdin: BinaryIO | None = None
) -> list[Article | RecordProblem]:
    return list(read_inputs(paths, input_format=input_format, stdin=stdin))


def only_problem(items: list[Article | RecordProblem]) -> RecordProblem:
    assert len(items) == 1, items
    assert isinstance(items[0], RecordProblem), items
    return items[0]


def record(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "title": "Drones",
        "date": "20220716",
        "url": URL,
        "text": "Moscow wants drones. Tehran denies it.",
    }
    base.update(fields)
    return {key: value for key, value in base.items() if value is not None}


def jsonl(*records: dict[str, object]) -> str:
    return "".join(json.dumps(item) + "\n" for item in records)


# --- the article text format ---------------------------------------------------------------


def test_text_article(tmp_path: Path) -> None:
    path = tmp_path / "cnn.txt"
    path.write_text(ARTICLE_TEXT, encoding="utf-8")
    [article] = read(path)
    assert article == Article(
        headline="Russian officials visited Iranian airfield",
        date=dt.date(2022, 7, 16),
        url=URL,
        sentences=(
            "Russian officials visited an airfield in Iran.",
            "Advertisement",
            "Iran denied supplying weapons.",
        ),
        source=str(path),
        line=1,
    )


def test_text_article_with_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE_TEXT.encode())
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.headline == "Russian officials visited Iranian airfield"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("\n20220716\n" + URL + "\nA sentence.\n", 1, "missing headline"),
        ("Headline\n20221345\n" + URL + "\nA sentence.\n", 2, "bad date '20221345': month"),
        ("Headline\n2022-02-30\n" + URL + "\nA sentence.\n", 2, "day is out of range"),
        ("Headline\nyesterday\n" + URL + "\nA sentence.\n", 2, "bad date 'yesterday'"),
        ("Headline\n", 2, "missing date"),
        ("Headline\n20220716\nwww.example.com/a\nA sentence.\n", 3, "must start with http"),
        ("Headline\n20220716\nhttps:///path\nA sentence.\n", 3, "no host"),
        ("Headline\n20220716\n" + URL + "\n\n  \n", 4, "no sentences"),
        ("Headline\n20220716\n" + URL + "\nOk.\n" + "x" * (MAX_LINE_CHARS + 1), 5, "characters"),
    ],
)
def test_text_article_problems(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(text, encoding="utf-8")
    problem = only_problem(read(path))
    assert (problem.source, problem.line) == (str(path), line)
    assert message in problem.message
    assert problem.fix


def test_text_article_at_the_line_length_limit_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(ARTICLE_TEXT + "y" * MAX_LINE_CHARS + "\n", encoding="utf-8")
    [article] = read(path)
    assert isinstance(article, Article)
    assert len(article.sentences[-1]) == MAX_LINE_CHARS


def test_empty_text_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    problem = only_problem(read(path))
    assert (problem.source, problem.line, problem.message) == (str(path), None, "empty file")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    problem = only_problem(read(path))
    assert problem.source == str(path)
    assert "binary" in problem.message


def test_utf16_file(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_text(ARTICLE_TEXT, encoding="utf-16")
    problem = only_problem(read(path))
    assert "UTF-16" in problem.message
    assert "iconv" in problem.fix


def test_latin1_file_names_the_line_of_the_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes((ARTICLE_TEXT + "Le caf\xe9 est ferm\xe9.\n").encode("latin-1"))
    problem = only_problem(read(path))
    assert (problem.source, problem.line) == (str(path), 8)
    assert "UTF-8" in problem.message
    assert "0xe9" in problem.message
    assert "iconv -f latin1 -t utf-8" in problem.fix


def test_nul_byte_after_the_sniffed_head_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "late-nul.txt"
    filler = "".join(f"Sentence number {n} is fine.\n" for n in range(1000))
    path.write_text(ARTICLE_TEXT + filler + "bad\x00byte\n", encoding="utf-8")
    problem = only_problem(read(path))
    assert problem.line == len(ARTICLE_TEXT.splitlines()) + 1000 + 1
    assert "NUL" in problem.message


# --- JSONL ---------------------------------------------------------------------------------


def test_jsonl_records(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        jsonl(record())
        + "\n"
        + jsonl(
            record(
                title=None,
                headline="Alias",
                date="2022-07-17T23:30:00-05:00",
                text=None,
                sentences=["  First.  ", "", "Second."],
            ),
            record(date=20220718, url="http://example.org/x"),
        ),
        encoding="utf-8",
    )
    first, second, third = read(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert isinstance(third, Article)
    assert first.sentences == ("Moscow wants drones.", "Tehran denies it.")
    assert (first.source, first.line) == (str(path), 1)
    assert (second.headline, second.date, second.line) == ("Alias", dt.date(2022, 7, 17), 3)
    assert second.sentences == ("First.", "Second.")
    assert (third.date, third.url, third.line) == (dt.date(2022, 7, 18), "http://example.org/x", 4)


def test_jsonl_bad_records_do_not_stop_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "feed.ndjson"
    lines = [
        json.dumps(record()),
        '{"title": "Broken", "date": ',
        "[1, 2]",
        json.dumps(record(url="ftp://example.com/a")),
        json.dumps(record(date=None)),
        json.dumps(record(title=" ")),
        json.dumps(record(text="")),
        json.dumps(record(text=None, sentences="not a list")),
        json.dumps(record(text=None, sentences=["ok", 3])),
        json.dumps(record(text="word " * MAX_LINE_CHARS)),
        json.dumps(record(headline="Last")),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(path)
    assert [item.line for item in items] == list(range(1, len(lines) + 1))
    assert [type(item) for item in items] == [Article] + [RecordProblem] * 9 + [Article]
    messages = [item.message for item in items if isinstance(item, RecordProblem)]
    assert messages[0].startswith("invalid JSON")
    assert "not an object" in messages[1]
    assert "invalid URL 'ftp://example.com/a'" in messages[2]
    assert messages[3:6] == [
        "missing date",
        "missing headline",
        "no sentences: 'text' and 'sentences' are both missing or empty",
    ]
    assert "not a JSON list" in messages[6]
    assert "sentence 2 is int" in messages[7]
    assert "sentence 1 is" in messages[8] and "characters long" in messages[8]
    assert all(item.source == str(path) for item in items)


def test_jsonl_line_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        jsonl(record()).encode() + b'{"title": "caf\xe9"}\n' + jsonl(record()).encode()
    )
    first, problem, third = read(path)
    assert isinstance(first, Article) and isinstance(third, Article)
    assert isinstance(problem, RecordProblem)
    assert (problem.line, third.line) == (2, 3)
    assert "not valid UTF-8" in problem.message


def test_jsonl_with_only_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n  \n", encoding="utf-8")
    problem = only_problem(read(path))
    assert (problem.source, problem.line, problem.message) == (
        str(path),
        None,
        "no records in the file",
    )


# --- CSV -----------------------------------------------------------------------------------


def test_csv_records_report_the_physical_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text(
        "\ufeffHeadline,Date,URL,text,sentences\n"
        f'One,20220716,{URL},"First line.\nSecond line, same field.",\n'
        "\n"
        f'Two,2022-07-17,{URL},,"[""Listed one."", ""Listed two.""]"\n',
        encoding="utf-8",
    )
    first, second = read(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.headline, first.line) == ("One", 2)
    assert first.sentences == ("First line.", "Second line, same field.")
    assert (second.headline, second.date, second.line) == ("Two", dt.date(2022, 7, 17), 5)
    assert second.sentences == ("Listed one.", "Listed two.")


def test_csv_missing_columns_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text("name,date,body\nx,20220716,Text.\ny,20220716,Text.\n", encoding="utf-8")
    problem = only_problem(read(path))
    assert (problem.source, problem.line) == (str(path), 1)
    assert problem.message == (
        "missing columns: title (or headline), url, text (or sentences) (found: name, date, body)"
    )


def test_csv_bad_rows_do_not_stop_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_bytes(
        b"title,date,url,text\n"
        + f"Good,20220716,{URL},Fine.\n".encode()
        + f"Short,20220716,{URL}\n".encode()
        + f"Bad date,20221345,{URL},Fine.\n".encode()
        + f"Caf\xe9,20220716,{URL},Fine.\n".encode("latin-1")
        + f"Good again,20220716,{URL},Fine.\n".encode()
    )
    items = read(path)
    assert [item.line for item in items] == [2, 3, 4, 5, 6]
    good, short, bad_date, latin1, good_again = items
    assert isinstance(good, Article) and isinstance(good_again, Article)
    assert isinstance(short, RecordProblem) and "3 fields but the header has 4" in short.message
    assert isinstance(bad_date, RecordProblem) and "20221345" in bad_date.message
    assert isinstance(latin1, RecordProblem) and "not valid UTF-8" in latin1.message


def test_csv_with_an_unclosed_quote_ends_at_the_record(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text(
        f"title,date,url,text\nGood,20220716,{URL},Fine.\n"
        f'Open,20220716,{URL},"never closed\n' + "filler\n" * 20_000,
        encoding="utf-8",
    )
    good, problem = read(path)
    assert isinstance(good, Article)
    assert isinstance(problem, RecordProblem)
    assert problem.line == 3
    assert "malformed CSV" in problem.message


def test_csv_with_only_a_header(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text("title,date,url,text\n", encoding="utf-8")
    assert only_problem(read(path)).message == "no records in the file"


# --- Parquet -------------------------------------------------------------------------------


def test_parquet_rows(tmp_path: Path) -> None:
    path = tmp_path / "feed.parquet"
    pl.DataFrame(
        {
            "title": ["One", "Two", None],
            "date": [dt.date(2022, 7, 16), dt.date(2022, 7, 17), dt.date(2022, 7, 18)],
            "url": [URL, URL, URL],
            "sentences": [["First.", "Second."], ["Only."], ["Orphan."]],
        }
    ).write_parquet(path)
    first, second, problem = read(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.line, first.date, first.sentences) == (
        1,
        dt.date(2022, 7, 16),
        ("First.", "Second."),
    )
    assert (second.line, second.source) == (2, str(path))
    assert isinstance(problem, RecordProblem)
    assert (problem.line, problem.message) == (3, "missing headline")


def test_parquet_datetimes_and_text(tmp_path: Path) -> None:
    path = tmp_path / "feed.parquet"
    pl.DataFrame(
        {
            "headline": ["One"],
            "date": [dt.datetime(2022, 7, 16, 23, 59)],
            "url": [URL],
            "text": ["Mr. Smith spoke. He left."],
        }
    ).write_parquet(path)
    [article] = read(path)
    assert isinstance(article, Article)
    assert (article.date, article.sentences) == (
        dt.date(2022, 7, 16),
        ("Mr. Smith spoke.", "He left."),
    )


def test_parquet_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "feed.parquet"
    pl.DataFrame({"title": ["One"], "body": ["Text."]}).write_parquet(path)
    problem = only_problem(read(path))
    assert (problem.source, problem.line) == (str(path), None)
    assert "missing columns: date, url, text (or sentences) (found: title, body)" in problem.message


def test_corrupt_parquet(tmp_path: Path) -> None:
    path = tmp_path / "feed.parquet"
    path.write_bytes(b"PAR1 this is not really parquet")
    problem = only_problem(read(path))
    assert problem.source == str(path)
    assert "not a readable Parquet file" in problem.message


# --- paths, directories, formats and stdin -------------------------------------------------


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "one.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    (tmp_path / "a" / "deep" / "two.jsonl").write_text(jsonl(record()), encoding="utf-8")
    (tmp_path / "z.csv").write_text(
        f"title,date,url,text\nCsv,20220716,{URL},Fine.\n", encoding="utf-8"
    )
    (tmp_path / "README.md").write_text("# not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("garbage", encoding="utf-8")
    (tmp_path / ".git" / "config.txt").write_text("garbage", encoding="utf-8")
    items = read(tmp_path)
    assert all(isinstance(item, Article) for item in items)
    assert [item.source for item in items] == [
        str(tmp_path / "z.csv"),
        str(tmp_path / "a" / "deep" / "two.jsonl"),
        str(tmp_path / "b" / "one.txt"),
    ]


def test_directory_without_input_files(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# nothing", encoding="utf-8")
    problem = only_problem(read(tmp_path))
    assert (problem.source, problem.line) == (str(tmp_path), None)
    assert "no input files" in problem.message


def test_missing_path_is_a_problem_and_reading_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE_TEXT, encoding="utf-8")
    missing = str(tmp_path / "missing.txt")
    problem, article = read(missing, good)
    assert isinstance(problem, RecordProblem)
    assert (problem.source, problem.line, problem.message) == (
        missing,
        None,
        "no such file or directory",
    )
    assert problem.fix
    assert isinstance(article, Article)


def test_unknown_extension_needs_a_format(tmp_path: Path) -> None:
    path = tmp_path / "feed.dat"
    path.write_text(jsonl(record()), encoding="utf-8")
    problem = only_problem(read(path))
    assert "unknown input format" in problem.message
    assert "--format" in problem.fix
    [article] = read(path, input_format="JSONL")
    assert isinstance(article, Article)
    assert article.source == str(path)


def test_format_overrides_the_extension_of_named_files(tmp_path: Path) -> None:
    path = tmp_path / "feed.txt"
    path.write_text(f"title,date,url,text\nCsv,20220716,{URL},Fine.\n", encoding="utf-8")
    [article] = read(path, input_format="csv")
    assert isinstance(article, Article)
    assert article.headline == "Csv"


def test_parquet_named_as_jsonl_is_reported_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    pl.DataFrame({"title": ["One"]}).write_parquet(path)
    problem = only_problem(read(path))
    assert "binary" in problem.message
    assert "--format parquet" in problem.fix


def test_unknown_format_raises_before_reading() -> None:
    with pytest.raises(InputError) as raised:
        read_inputs(["does-not-matter"], input_format="xml")
    assert "'xml'" in str(raised.value)
    assert "text, jsonl, csv, parquet" in raised.value.problem.fix
    assert SUPPORTED_FORMATS == ("text", "jsonl", "csv", "parquet")


def test_stdin_jsonl_is_sniffed() -> None:
    stdin = io.BytesIO(b"\n  " + jsonl(record(), record(url="bad")).encode())
    article, problem = read("-", stdin=stdin)
    assert isinstance(article, Article) and isinstance(problem, RecordProblem)
    assert (article.source, article.line) == ("<stdin>", 2)
    assert (problem.source, problem.line) == ("<stdin>", 3)


def test_stdin_text_is_sniffed() -> None:
    [article] = read("-", stdin=io.BytesIO(ARTICLE_TEXT.encode()))
    assert isinstance(article, Article)
    assert (article.source, article.line, len(article.sentences)) == ("<stdin>", 1, 3)


def test_stdin_with_a_format() -> None:
    stdin = io.BytesIO(f"title,date,url,text\nCsv,20220716,{URL},Fine.\n".encode())
    [article] = read("-", stdin=stdin, input_format="csv")
    assert isinstance(article, Article)
    assert article.headline == "Csv"


def test_stdin_parquet() -> None:
    buffer = io.BytesIO()
    pl.DataFrame(record()).write_parquet(buffer)
    [article] = read("-", stdin=io.BytesIO(buffer.getvalue()), input_format="parquet")
    assert isinstance(article, Article)
    assert (article.source, article.line) == ("<stdin>", 1)


def test_stdin_defaults_to_the_process_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = SimpleNamespace(buffer=io.BufferedReader(io.BytesIO(ARTICLE_TEXT.encode())))
    monkeypatch.setattr("sys.stdin", fake)
    [article] = read("-")
    assert isinstance(article, Article)
    assert article.source == "<stdin>"
