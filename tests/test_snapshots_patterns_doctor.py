"""Snapshots at 80×24 in both themes: patterns, doctor advice (routine and urgent), check-in,
profile. Regenerate with ``pytest tests/test_snapshots_patterns_doctor.py --snapshot-update``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.ui_support import episode, freeze_blink, make_app, sample_episodes

THEMES = ("crampcoach-dark", "crampcoach-night-red")


def _app(name: str, theme: str, episodes=None):
    # A fixed folder: nothing path-dependent may differ between runs.
    root = Path(f"/tmp/crampcoach-snap-{name}-{theme}")
    shutil.rmtree(root, ignore_errors=True)
    return make_app(root, episodes=sample_episodes() if episodes is None else episodes, theme=theme)


def _opening(*keys: str):
    async def run_before(pilot) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        freeze_blink(pilot.app)
        for _ in range(3):
            await pilot.pause()

    return run_before


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
    assert snap_compare(_app("patterns", theme), terminal_size=(80, 24), run_before=_opening("p"))


@pytest.mark.parametrize("theme", THEMES)
def test_patterns_12_weeks(snap_compare, theme):
    assert snap_compare(
        _app("patterns12", theme), terminal_size=(80, 24), run_before=_opening("p", "2")
    )


def test_patterns_empty(snap_compare):
    app = _app("patterns-empty", THEMES[0], episodes=[])
    assert snap_compare(app, terminal_size=(80, 24), run_before=_opening("p"))


@pytest.mark.parametrize("theme", THEMES)
def test_doctor(snap_compare, theme):
    assert snap_compare(_app("doctor", theme), terminal_size=(80, 24), run_before=_opening("d"))


@pytest.mark.parametrize("theme", THEMES)
def test_doctor_urgent(snap_compare, theme):
    # The after-log notice only follows a log in the app; the journal is filled beforehand.
    app = _app("doctor-urgent", theme, episodes=_urgent())
    assert snap_compare(app, terminal_size=(80, 24), run_before=_opening("d"))


@pytest.mark.parametrize("theme", THEMES)
def test_checkin(snap_compare, theme):
    assert snap_compare(_app("checkin", theme), terminal_size=(80, 24), run_before=_opening("c"))


def test_profile(snap_compare):
    app = _app("profile", THEMES[0])
    assert snap_compare(app, terminal_size=(80, 24), run_before=_opening("d", "p"))
