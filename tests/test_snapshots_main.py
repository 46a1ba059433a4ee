"""Snapshots of the main screens at 80×24 in both themes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui_support import THEMES, make_app, opening, sample_episodes


def _app(root: Path, theme: str):
    return make_app(root, episodes=sample_episodes(), theme=theme)


@pytest.mark.parametrize("theme", THEMES)
def test_home(snap_compare, snapshot_root, theme):
    assert snap_compare(_app(snapshot_root, theme), terminal_size=(80, 24), run_before=opening())


@pytest.mark.parametrize("theme", THEMES)
def test_log_form(snap_compare, snapshot_root, theme):
    assert snap_compare(_app(snapshot_root, theme), terminal_size=(80, 24), run_before=opening("l"))


@pytest.mark.parametrize("theme", THEMES)
def test_history(snap_compare, snapshot_root, theme):
    assert snap_compare(_app(snapshot_root, theme), terminal_size=(80, 24), run_before=opening("h"))


@pytest.mark.parametrize("theme", THEMES)
def test_help(snap_compare, snapshot_root, theme):
    assert snap_compare(
        _app(snapshot_root, theme), terminal_size=(80, 24), run_before=opening("question_mark")
    )
