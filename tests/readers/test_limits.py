"""Bounded articles: repeated sentences kept once, a sentence limit that cuts with a warning
naming the file and line, a line-length limit, and bounded reads of huge lines."""

from __future__ import annotations

import io
import json
from pathlib import Path

import polars as pl
import pytest

from corroborate.errors import RecordProblem, RecordWarning
from corroborate.models import Article
from corroborate.readers import ArticleLimits, read_inputs
from corroborate.readers import tabular as tabular_module
from corroborate.readers.limits import bounded_lines

HEADER = "Headline\n20240301\nhttps://news.example/story\n"
SENTENCES = [f"Sentence number {n} says something new." for n in range(30)]


def _read(path: Path, limits: ArticleLimits = ArticleLimits()) -> list[object]:
    return list(read_inputs([path], limits=limits))


def test_a_sentence_repeated_in_one_article_is_kept_once(tmp_path: Path) -> None:
    path = tmp_path / "repeated.txt"
    path.write_text(HEADER + "The same sentence again and again.\n" * 50_000, encoding="utf-8")
    [article] = _read(path)
    assert isinstance(article, Article)
    assert article.sentences == ("The same sentence again and again.",)


def test_the_text_format_is_cut_at_the_sentence_limit_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(HEADER + "\n".join(SENTENCES) + "\n", encoding="utf-8")
    warning, article = _read(path, ArticleLimits(max_sentences=10))
    assert isinstance(warning, RecordWarning) and isinstance(article, Article)
    assert (warning.source, warning.line) == (str(path), 3 + 10 + 1)
    assert "more than 10 distinct sentences" in warning.message
    assert "--max-sentences" in warning.fix
    assert article.sentences == tuple(SENTENCES[:10])
    [whole] = _read(path, ArticleLimits(max_sentences=30))
    assert isinstance(whole, Article) and len(whole.sentences) == 30


def _records(count: int) -> list[dict[str, object]]:
    return [
        {
            "title": f"Story {n}",
            "date": "2024-03-01",
            "url": f"https://news.example/{n}",
            "text": " ".join(SENTENCES) if n == 1 else "One short story. It ends here.",
        }
        for n in range(count)
    ]


def _write(path: Path, records: list[dict[str, object]]) -> None:
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    elif path.suffix == ".csv":
        pl.DataFrame(records).write_csv(path)
    else:
        pl.DataFrame(records).write_parquet(path)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_record_formats_are_cut_at_the_sentence_limit(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"feed{suffix}"
    _write(path, _records(3))
    items = _read(path, ArticleLimits(max_sentences=5))
    warnings = [item for item in items if isinstance(item, RecordWarning)]
    articles = [item for item in items if isinstance(item, Article)]
    assert len(articles) == 3 and len(warnings) == 1
    line = 3 if suffix == ".csv" else 2  # CSV counts the header line
    assert (warnings[0].source, warnings[0].line) == (str(path), line)
    assert [len(article.sentences) for article in articles] == [2, 5, 2]
    assert items.index(warnings[0]) == items.index(articles[1]) - 1


def test_a_sentences_list_with_repeats_is_kept_once(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    record = {"title": "T", "date": "20240301", "url": "https://a.example/x"}
    path.write_text(json.dumps({**record, "sentences": ["A b c.", "D e f.", "A b c."]}) + "\n")
    [article] = _read(path)
    assert isinstance(article, Article) and article.sentences == ("A b c.", "D e f.")


def test_the_line_length_limit_can_be_changed(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_text(HEADER + "Short one.\n" + "x" * 60 + "\n", encoding="utf-8")
    assert isinstance(_read(path)[0], Article)
    [problem] = _read(path, ArticleLimits(max_line_chars=50))
    assert isinstance(problem, RecordProblem)
    assert (problem.source, problem.line) == (str(path), 5)
    assert "60 characters long (the limit is 50)" in problem.message
    assert "--max-line-chars" in problem.fix


def test_a_file_without_line_breaks_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(HEADER.encode() + b"y" * 3_000_000)
    [problem] = _read(path)
    assert isinstance(problem, RecordProblem)
    assert (problem.source, problem.line) == (str(path), 4)
    assert "over 20,000 characters" in problem.message


def test_bounded_lines_reads_each_line_in_bounded_pieces() -> None:
    stream = io.BufferedReader(io.BytesIO(b"ab\n" + b"z" * 100 + b"\ncd"))  # type: ignore[arg-type]
    assert list(bounded_lines(stream, 10)) == [b"ab\n", None, b"cd"]


def test_a_jsonl_record_over_the_record_limit_is_one_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tabular_module, "MAX_RECORD_BYTES", 500)
    path = tmp_path / "feed.jsonl"
    big = {**_records(1)[0], "text": "Word " * 200}
    path.write_text(json.dumps(big) + "\n" + json.dumps(_records(1)[0]) + "\n")
    problem, article = _read(path)
    assert isinstance(problem, RecordProblem) and isinstance(article, Article)
    assert (problem.line, article.line) == (1, 2)
    assert "over 500 bytes long" in problem.message


def test_lone_surrogates_from_json_escapes_are_replaced(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"title": "T \\ud800", "date": "20240301", "url": "https://a.example/x", '
        '"sentences": ["Bad \\udfff char here."]}\n'
    )
    [article] = _read(path)
    assert isinstance(article, Article)
    assert (article.headline, article.sentences) == ("T \ufffd", ("Bad \ufffd char here.",))


def test_planned_files_are_read_to_the_limits_they_were_planned_with(tmp_path: Path) -> None:
    from corroborate.readers import InputFile, plan_inputs, read_input_file

    path = tmp_path / "long.txt"
    path.write_text(HEADER + "\n".join(SENTENCES) + "\n", encoding="utf-8")
    limits = ArticleLimits(max_sentences=10)
    plan = plan_inputs([path, tmp_path / "missing.txt"], limits=limits)
    read = [
        record
        for item in plan
        for record in (read_input_file(item) if isinstance(item, InputFile) else [item])
    ]
    assert read == _read(path, limits) + _read(tmp_path / "missing.txt")
    assert isinstance(read[0], RecordWarning) and isinstance(read[-1], RecordProblem)
