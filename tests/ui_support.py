"""Shared helpers for Pilot and snapshot tests: one way to build the app under test."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from crampcoach import paths
from crampcoach.core.models import Episode, Settings, episode_from_dict
from crampcoach.store import Journal

ZONE = ZoneInfo("Europe/Berlin")
# A fixed morning: "last night" is the night of Sat 21 Nov 2026.
NOW = datetime(2026, 11, 22, 7, 30, tzinfo=ZONE)


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, start: float = 1000.0) -> None:
        self.t = start

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def open_journal(root: Path) -> Journal:
    return Journal.open(paths.journal_path(root), now=lambda: NOW)


def episode(when: str, **fields: Any) -> Episode:
    """An episode at a local Berlin time like '2026-11-22 03:10'."""
    start = datetime.fromisoformat(when).replace(tzinfo=ZONE)
    raw = {"started_at": start, "tz": "Europe/Berlin", **fields}
    return episode_from_dict(raw)


def make_app(
    root: Path,
    *,
    episodes: list[Episode] = (),  # type: ignore[assignment]
    welcomed: bool = True,
    theme: str = "crampcoach-dark",
    now: datetime = NOW,
    clock: FakeClock | None = None,
    **kwargs: Any,
):
    """The app on a temp journal with a fixed wall clock and (optionally) a fake monotonic one."""
    from crampcoach.ui.app import CrampCoachApp

    journal = open_journal(root)
    if episodes:
        journal.add_episodes(episodes)
    journal.save_settings(Settings(theme=theme, welcomed=welcomed))
    return CrampCoachApp(
        journal,
        root,
        now=lambda: now,
        zone=ZONE,
        monotonic=clock or FakeClock(),
        **kwargs,
    )


def freeze_blink(app: Any) -> None:
    """Stop blinking cursors so snapshots are stable."""
    from textual.widgets import Input, TextArea

    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    for widget in app.screen.query(TextArea):
        widget.cursor_blink = False


def sample_episodes() -> list[Episode]:
    """A few weeks of nights, for screens that need something to show."""
    return [
        episode("2026-11-22 03:10", duration_min=2, side="left", locations=["calf"], intensity=6),
        episode("2026-11-20 02:40", duration_min=1, side="right", locations=["foot"], intensity=4),
        episode(
            "2026-11-18 04:05",
            duration_min=3,
            side="left",
            locations=["calf"],
            intensity=7,
            notes="after a long walk",
        ),
        episode("2026-11-12 01:50", duration_min=1.5, side="both", locations=["toes"], intensity=3),
        episode("2026-11-03 03:30", duration_min=2, side="left", locations=["calf"], intensity=5),
    ]


# ---------------------------------------------------------------- snapshot helpers

THEMES = ("crampcoach-dark", "crampcoach-night-red")


async def settle(pilot: Any) -> None:
    """Let screens that read the journal in workers finish and paint what they read."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_screen(pilot: Any, key: str, kind: type) -> Any:
    """Press ``key`` on Home; the screen it opens (a ``kind``), once it has read the journal."""
    await pilot.pause()
    await pilot.press(key)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, kind)
    return screen


def opening(*keys: str):
    """A snap_compare ``run_before`` that presses ``keys``, stops cursors blinking and lets
    screens that read the journal after their first paint settle."""

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        freeze_blink(pilot.app)
        await settle(pilot)
        for _ in range(2):
            await pilot.pause()

    return run_before


# ---------------------------------------------------------------- what a screen looks like


def _seen(style: Any) -> tuple[object, ...]:
    """What a style looks like (its mouse metadata cannot be seen)."""
    if style is None:
        return ()
    return (
        style.color,
        style.bgcolor,
        style.bold,
        style.dim,
        style.italic,
        style.underline,
        style.reverse,
        style.strike,
    )


def screen_cells(app: Any) -> list[list[tuple[str, object]]]:
    """Every cell of the screen as (character, look); a space's colour cannot be seen, so
    spaces keep only their background."""
    rows = []
    # The compositor's strips are what the terminal is sent (a private part of Textual).
    for strip in app.screen._compositor.render_strips():
        row = []
        for segment in strip:
            style = segment.style
            for ch in segment.text:
                seen = style.bgcolor if ch == " " and style is not None else _seen(style)
                row.append((ch, seen))
        rows.append(row)
    return rows
