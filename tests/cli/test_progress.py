"""Progress of long commands: the current step on a terminal bar while it runs (the model
load included), log lines off a terminal."""

from __future__ import annotations

import io
import logging
import time

import pytest
from rich.console import Console

from corroborate.cli.progress import progress_display


def test_a_terminal_shows_the_step_while_it_runs() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    with progress_display(console) as (stage, meter):
        assert stage is not None
        stage("loading the embedding model")
        time.sleep(0.4)  # the bar refreshes on its own while the step blocks
        assert "loading the embedding model" in screen.getvalue()
        meter(3, 10)
        time.sleep(0.3)
        assert "3/10" in screen.getvalue()


def test_off_a_terminal_steps_are_left_to_the_log_and_counts_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    console = Console(file=io.StringIO(), force_terminal=False)
    with caplog.at_level(logging.INFO), progress_display(console) as (stage, meter):
        assert stage is None
        meter(0, 10)
        meter(5, 10)
    assert "5 of 10 done (50%)" in caplog.text
