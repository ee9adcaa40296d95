"""``corroborate stance``: one claim against one whole article (a command function for the
main app to register)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from corroborate.cli.options import JsonFlag
from corroborate.cli.output import write_json
from corroborate.errors import CorroborateError
from corroborate.relations.stance_of_article import ArticleStance, article_stance

_out = Console(highlight=False, soft_wrap=True)
_err = Console(stderr=True, highlight=False, soft_wrap=True)


def stance(
    claim: Annotated[str, typer.Argument(help="The claim, e.g. a headline.")],
    article: Annotated[
        Path,
        typer.Argument(
            help="One article in the text format: headline, date (YYYYMMDD), URL, then one "
            "sentence a line."
        ),
    ],
    as_json: JsonFlag = False,
) -> None:
    """Say whether an article agrees with, disagrees with, discusses or is unrelated to a claim.

    The article-level stance model (trained on FNC-1, see artifacts/ARTICLE_STANCE.md) weighs
    the sentence judge's verdicts on the article's sentences closest to the claim with
    cosines, word coverage, hedges and denial cues over the whole article. Prints the label,
    its probability, all four probabilities and the closest sentences with their verdicts.

    Examples:

      corroborate stance "Iran sent drones" seeds/apnews.com_2022-07-16_russia-iran-drones.txt

      corroborate stance "The Ever Given was refloated" article.txt --json
    """
    try:
        result = article_stance(claim, article)
    except CorroborateError as error:
        _err.print(f"[bold red]error:[/] {escape(str(error))}")
        raise typer.Exit(code=2) from None
    if as_json:
        write_json(asdict(result))
    else:
        _print(result)


def _print(result: ArticleStance) -> None:
    _out.print(
        f"{result.label} ({result.confidence:.2f}) — {result.source}"
        + (f": {result.headline}" if result.headline else ""),
        markup=False,
    )
    _out.print(
        "probabilities: "
        + ", ".join(f"{name} {p:.2f}" for name, p in result.probabilities.items()),
        markup=False,
    )
    table = Table("#", "cosine", "verdict", "sentence", title="closest sentences")
    for sentence in result.evidence:
        verdict = sentence.verdict or "—"
        if sentence.reason:
            verdict += f" ({sentence.reason})"
        table.add_row(
            str(sentence.position + 1), f"{sentence.cosine:.2f}", escape(verdict),
            escape(sentence.text),
        )  # fmt: skip
    _out.print(table)
