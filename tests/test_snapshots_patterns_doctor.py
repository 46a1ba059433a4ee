"""Snapshots at 80×24 in both themes: patterns, doctor advice (routine and urgent), check-in,
profile. Regenerate with ``pytest tests/test_snapshots_patterns_doctor.py --snapshot-update``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui_support import THEMES, episode, make_app, opening, sample_episodes


def _app(root: Path, theme: str, episodes=None):
    episodes = sample_episodes() if episodes is None else episodes
    return make_app(root, episodes=episodes, theme=theme)


def _urgent():
    return [
        *sample_episodes(),
        episode(
            "2026-11-21 23:40",
            duration_min=14,
            locations=["calf"],
            red_flags=["swelling", "redness-or-warmth"],
        ),
    ]


@pytest.mark.parametrize("theme", THEMES)
def test_patterns(snap_compare, snapshot_root, theme):
    assert snap_compare(_app(snapshot_root, theme), terminal_size=(80, 24), run_before=opening("p"))


@pytest.mark.parametrize("theme", THEMES)
def test_patterns_12_weeks(snap_compare, snapshot_root, theme):
    assert snap_compare(
        _app(snapshot_root, theme), terminal_size=(80, 24), run_before=opening("p", "2")
    )


def test_patterns_empty(snap_compare, snapshot_root):
    app = _app(snapshot_root, THEMES[0], episodes=[])
    assert snap_compare(app, terminal_size=(80, 24), run_before=opening("p"))


@pytest.mark.parametrize("theme", THEMES)
def test_doctor(snap_compare, snapshot_root, theme):
    assert snap_compare(_app(snapshot_root, theme), terminal_size=(80, 24), run_before=opening("d"))


@pytest.mark.parametrize("theme", THEMES)
def test_doctor_urgent(snap_compare, snapshot_root, theme):
    # The after-log notice only follows a log in the app; the journal is filled beforehand.
    app = _app(snapshot_root, theme, episodes=_urgent())
    assert snap_compare(app, terminal_size=(80, 24), run_before=opening("d"))


@pytest.mark.parametrize("theme", THEMES)
def test_checkin(snap_compare, snapshot_root, theme):
    assert snap_compare(_app(snapshot_root, theme), terminal_size=(80, 24), run_before=opening("c"))


def test_profile(snap_compare, snapshot_root):
    app = _app(snapshot_root, THEMES[0])
    assert snap_compare(app, terminal_size=(80, 24), run_before=opening("d", "p"))
