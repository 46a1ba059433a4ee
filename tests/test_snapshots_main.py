"""Snapshots of the main screens at 80×24 in both themes."""

from __future__ import annotations

import pytest

from tests.ui_support import THEMES, make_app, opening, sample_episodes, snapshot_root


def _app(name: str, theme: str):
    return make_app(snapshot_root(name, theme), episodes=sample_episodes(), theme=theme)


@pytest.mark.parametrize("theme", THEMES)
def test_home(snap_compare, theme):
    assert snap_compare(_app("home", theme), terminal_size=(80, 24), run_before=opening())


@pytest.mark.parametrize("theme", THEMES)
def test_log_form(snap_compare, theme):
    assert snap_compare(_app("log", theme), terminal_size=(80, 24), run_before=opening("l"))


@pytest.mark.parametrize("theme", THEMES)
def test_history(snap_compare, theme):
    assert snap_compare(_app("history", theme), terminal_size=(80, 24), run_before=opening("h"))


@pytest.mark.parametrize("theme", THEMES)
def test_help(snap_compare, theme):
    assert snap_compare(
        _app("help", theme), terminal_size=(80, 24), run_before=opening("question_mark")
    )
