"""Hostile inputs for every reader (text format, JSONL, CSV, Parquet, stdin), as hypothesis
strategies, and the check each must pass: it ends as articles or as one-line errors naming
the file (and line), never an exception. Shared by tests/readers/test_reader_fuzz.py and
benchmarks/bench_faults.py."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from hypothesis import strategies as st
from typer.testing import CliRunner

from corroborate.claims import ArticleIdentity, extract_claims
from corroborate.cli.app import app
from corroborate.errors import InputError, RecordProblem, RecordWarning
from corroborate.models import Article
from corroborate.readers import ArticleLimits, read_inputs
from corroborate.readers.inputs import STDIN_SOURCE

FIELDS = ["title", "headline", "date", "url", "text", "sentences", "TITLE", " Url ", "extra"]
_DATES = ["20240301", "2024-03-01", "2024-02-30", "2024-03-01T10:00:00+02:00", "yesterday", ""]
_URLS = ["https://news.example/a", "http://x.example/b?c=d", "https:///nohost", "ftp://f/x",
         "www.example.com", "https://a.example/with space", ""]  # fmt: skip
_SENTENCE = st.sampled_from(
    ["Moscow wants hundreds of drones.", "[/] :warning: [red]x[/red] said the minister.",
     "Same again.", "Iran denies that it sent any drones to Russia.",
     "\u202eRTL text here.", "a\x0bb\x1cc\u2028d", "x" * 300, "Tab\tseparated words here.", ""]
)  # fmt: skip
_TEXT = st.text(st.characters(codec="utf-8"), max_size=40)
_BYTES_PIECES = st.sampled_from(
    [b"", b"\n", b"\r\n", b"\r", b"\x00", b"\xff", b"\xe9", b"\xef\xbb\xbf", b"\xff\xfe",
     b"\xc3", "é".encode(), b"20240301", b"https://a.example/x", b"{", b"}", b'"', b",", b"[",
     b'"\\ud800"', b"title,date,url,text\n", b"PAR1", b"Headline\n20240301\nhttps://a.example/s\n"]
)  # fmt: skip
RAW_BYTES = st.lists(st.one_of(_BYTES_PIECES, st.binary(max_size=16)), max_size=24).map(b"".join)
_JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | _TEXT | _SENTENCE,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=2),
    max_leaves=4,
)
_VALID = {
    "title": st.sampled_from(["Drones for Moscow", "[/] headline :warning:", "Ünïcode ✓ title"]),
    "date": st.sampled_from(_DATES[:2] + _DATES[3:4]),
    "url": st.sampled_from(_URLS[:2]),
    "text": st.lists(_SENTENCE, min_size=1, max_size=6).map(" ".join),
    "sentences": st.lists(_SENTENCE, min_size=1, max_size=6),
}
_HOSTILE = {
    "date": st.one_of(st.sampled_from(_DATES), _JSON_VALUE),
    "url": st.one_of(st.sampled_from(_URLS), _JSON_VALUE),
}


def _mostly_valid(name: str) -> st.SearchStrategy[object]:
    """The field's value: valid two times in three, else anything."""
    valid = _VALID[name]
    return st.one_of(valid, valid, _HOSTILE.get(name, _JSON_VALUE))


@st.composite
def _record(draw: st.DrawFn) -> dict[str, object]:
    """A record with the required fields, mostly valid; now and then one is missing, renamed
    or joined by stray fields."""
    body = draw(st.sampled_from(["text", "sentences"]))
    record = {name: draw(_mostly_valid(name)) for name in ("title", "date", "url", body)}
    for name in draw(st.lists(st.sampled_from(list(record)), max_size=1)):
        del record[name]
    for name in draw(st.lists(st.sampled_from(FIELDS), max_size=2)):
        record.setdefault(name, draw(_JSON_VALUE))
    return record


_RECORD = _record()
_GARBAGE = st.one_of(st.just(b""), st.just(b""), st.just(b""), RAW_BYTES)


@st.composite
def text_article(draw: st.DrawFn) -> bytes:
    """An article in the text format, mostly well formed, now and then damaged."""
    lines = [
        str(draw(_mostly_valid("title"))),
        str(draw(_mostly_valid("date"))),
        str(draw(_mostly_valid("url"))),
        *draw(st.lists(st.one_of(_SENTENCE, _SENTENCE, _TEXT), max_size=8)),
    ]
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    data = newline.join(lines).encode("utf-8", "surrogatepass")
    return draw(st.sampled_from([b"", b"\xef\xbb\xbf"])) + data + draw(_GARBAGE)


@st.composite
def jsonl_file(draw: st.DrawFn) -> bytes:
    lines = [
        draw(
            st.one_of(
                _RECORD.map(json.dumps),
                _RECORD.map(json.dumps),
                _JSON_VALUE.map(json.dumps),
                RAW_BYTES.map(repr),
            )
        )
        for _ in range(draw(st.integers(0, 4)))
    ]
    return "\n".join(lines).encode("utf-8", "surrogatepass") + draw(_GARBAGE)


def _cell(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value)


_HEADER = st.one_of(
    st.just(["title", "date", "url", "text"]),
    st.just(["TITLE", "Date", "url", "sentences", "extra"]),
    st.lists(st.sampled_from(FIELDS), max_size=6),
)


@st.composite
def csv_file(draw: st.DrawFn) -> bytes:
    header = draw(_HEADER)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if header:
        writer.writerow(header)
    for record in draw(st.lists(_RECORD, max_size=4)):
        fields = {key.strip().lower(): value for key, value in record.items()}
        row = [_cell(fields.get(name.strip().lower(), "")) for name in header]
        writer.writerow(
            row + draw(st.one_of(st.just([]), st.just([]), st.lists(_TEXT, max_size=1)))
        )
    return buffer.getvalue().encode("utf-8", "surrogatepass") + draw(
        st.one_of(_GARBAGE, st.sampled_from([b'"unclosed', b"\xff"]))
    )


def _column(draw: st.DrawFn, name: str, rows: int) -> list[object]:
    """A Parquet column: mostly valid values for the field, else values of another type."""
    kind = draw(st.sampled_from(["valid", "valid", "int", "list", "date", "null", "float"]))
    field = name.strip().lower()
    if kind == "valid" and field in _VALID:
        return [draw(_VALID[field]) for _ in range(rows)]
    if kind == "int":
        return [draw(st.integers(-(2**40), 2**40)) for _ in range(rows)]
    if kind == "list":
        return [draw(st.lists(_SENTENCE, max_size=3)) for _ in range(rows)]
    if kind == "date":
        return [dt.date(2024, 3, 1)] * rows
    if kind == "float":
        return [draw(st.floats(allow_nan=True)) for _ in range(rows)]
    if kind == "null":
        return [None] * rows
    return [draw(_SENTENCE) for _ in range(rows)]


@st.composite
def parquet_file(draw: st.DrawFn) -> bytes:
    rows = draw(st.sampled_from([1, 2, 3, 0]))
    names = draw(
        st.one_of(
            st.just(["title", "date", "url", "text"]),
            st.just(["headline", "date", "url", "sentences"]),
            st.lists(st.sampled_from(FIELDS), max_size=6),
        )
    )
    columns = {
        name: pl.Series(name, _column(draw, name, rows), strict=False)
        for name in dict.fromkeys(names)
    }
    buffer = io.BytesIO()
    pl.DataFrame(columns).write_parquet(buffer)
    data = buffer.getvalue()
    cut = draw(st.sampled_from([None, None, None, None, 0.5, 0.9]))
    return data if cut is None else data[: int(len(data) * cut)]


@dataclass(frozen=True)
class FuzzInput:
    """One generated input: its bytes, the file name it gets (None: read from stdin) and the
    ``--format`` passed (None: by extension, or sniffed on stdin)."""

    data: bytes
    name: str | None
    input_format: str | None


_FORMATS = {"text": ".txt", "jsonl": ".jsonl", "csv": ".csv", "parquet": ".parquet"}
_GENERATORS = {
    "text": text_article(),
    "jsonl": jsonl_file(),
    "csv": csv_file(),
    "parquet": parquet_file(),
}


@st.composite
def fuzz_input(draw: st.DrawFn) -> FuzzInput:
    """Bytes of some format (or none), named by its extension, another, or given on stdin."""
    kind = draw(st.sampled_from([*_FORMATS, "raw"]))
    data = draw(RAW_BYTES if kind == "raw" else _GENERATORS[kind])
    where = draw(st.sampled_from(["file", "file", "stdin", "wrong-extension", "forced"]))
    suffix = _FORMATS.get(kind, ".txt")
    if where == "stdin":
        return FuzzInput(
            data, None, draw(st.sampled_from([None, "text", "jsonl", "csv", "parquet"]))
        )
    if where == "wrong-extension":
        return FuzzInput(data, "input" + draw(st.sampled_from(list(_FORMATS.values()))), None)
    if where == "forced":
        return FuzzInput(data, "input.dat", draw(st.sampled_from(list(_FORMATS))))
    return FuzzInput(data, "input" + suffix, None)


def check_reading(item: FuzzInput, folder: Path, limits: ArticleLimits = ArticleLimits()) -> int:
    """Read ``item`` (written under ``folder`` or given on stdin) and check the outcome:
    articles whose claims can be extracted, or one-line problems naming the source. Returns
    how many claims the articles hold."""
    if item.name is None:
        paths, source, stdin = ["-"], STDIN_SOURCE, io.BytesIO(item.data)
    else:
        path = folder / item.name
        path.write_bytes(item.data)
        paths, source, stdin = [str(path)], str(path), None
    try:
        records = list(
            read_inputs(paths, input_format=item.input_format, stdin=stdin, limits=limits)
        )
    except InputError as error:  # only for a bad --format, which is never generated
        raise AssertionError(f"unexpected InputError {error}") from error
    assert records, "every input ends as something"
    claims = 0
    for record in records:
        if isinstance(record, RecordProblem | RecordWarning):
            text = str(record)
            assert record.source == source, text
            assert len(text.splitlines()) == 1 and "Traceback" not in text, text
            assert record.line is None or record.line >= 1, text
        else:
            assert isinstance(record, Article)
            assert record.sentences and len(record.sentences) == len(set(record.sentences))
            ArticleIdentity.of(record)
            found = extract_claims(record)
            for claim in found:
                claim.text.encode("utf-8")  # storable
            claims += len(found)
    return claims


def check_ingest(item: FuzzInput, root: Path) -> int:
    """``corroborate ingest`` of ``item`` into ``root/ix`` (in this process, which must use
    the digest embedder): it ingests (exit 0) or rejects everything (exit 1, no index), with
    its report as JSON, never a traceback. Returns the exit status."""
    args = ["ingest", "--index-dir", str(root), "--index", "ix", "--json"]
    if item.input_format:
        args += ["--format", item.input_format]
    if item.name is None:
        result = CliRunner().invoke(app, [*args, "-"], input=item.data)
    else:
        (root / item.name).write_bytes(item.data)
        result = CliRunner().invoke(app, [*args, str(root / item.name)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    assert (result.exit_code == 0) == (report["articles_read"] > 0)
    assert (root / "ix").exists() == (result.exit_code == 0)
    return result.exit_code
