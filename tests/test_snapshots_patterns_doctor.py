"""Snapshots at 80×24 in both themes: patterns, doctor advice (routine and urgent), check-in,
profile. Regenerate with ``pytest tests/test_snapshots_patterns_doctor.py --snapshot-update``."""

from __future__ import annotations

import pytest

from tests.ui_support import THEMES, episode, make_app, opening, sample_episodes, snapshot_root


def _app(name: str, theme: str, episodes=None):
    episodes = sample_episodes() if episodes is None else episodes
    return make_app(snapshot_root(name, theme), episodes=episodes, theme=theme)


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
def test_patterns(snap_compare, theme):
    assert snap_compare(_app("patterns", theme), terminal_size=(80, 24), run_before=opening("p"))


@pytest.mark.parametrize("theme", THEMES)
def test_patterns_12_weeks(snap_compare, theme):
    assert snap_compare(
        _app("patterns12", theme), terminal_size=(80, 24), run_before=opening("p", "2")
    )


def test_patterns_empty(snap_compare):
    app = _app("patterns-empty", THEMES[0], episodes=[])
    assert snap_compare(app, terminal_size=(80, 24), run_before=opening("p"))


@pytest.mark.parametrize("theme", THEMES)
def test_doctor(snap_compare, theme):
    assert snap_compare(_app("doctor", theme), terminal_size=(80, 24), run_before=opening("d"))


@pytest.mark.parametrize("theme", THEMES)
def test_doctor_urgent(snap_compare, theme):
    # The after-log notice only follows a log in the app; the journal is filled beforehand.
    app = _app("doctor-urgent", theme, episodes=_urgent())
    assert snap_compare(app, terminal_size=(80, 24), run_before=opening("d"))


@pytest.mark.parametrize("theme", THEMES)
def test_checkin(snap_compare, theme):
    assert snap_compare(_app("checkin", theme), terminal_size=(80, 24), run_before=opening("c"))


def test_profile(snap_compare):
    app = _app("profile", THEMES[0])
    assert snap_compare(app, terminal_size=(80, 24), run_before=opening("d", "p"))
