"""Small display helpers shared by screens (the rules behind them live in core)."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from crampcoach.core.dates import day_label
from crampcoach.core.durations import duration_text
from crampcoach.core.models import Episode
from crampcoach.core.nights import night_of
from crampcoach.core.vocab import label


def night_name(night: date, today: date | None = None) -> str:
    return f"night of {day_label(night, today or night)}"


def local_time(instant: datetime, zone: tzinfo) -> str:
    return instant.astimezone(zone).strftime("%H:%M")


def duration_words(seconds: int | None) -> str:
    return duration_text(seconds)


def episode_line(ep: Episode, zone: tzinfo, now: datetime, boundary_hour: int = 12) -> str:
    """'Sun 22 Nov 03:10 (night of Sat 21 Nov), left, calf' — enough to recognise a cramp."""
    local = ep.started_at.astimezone(zone)
    today = now.astimezone(zone).date()
    night = night_of(ep.started_at, zone, boundary_hour)
    parts = [ep.side] if ep.side else []
    parts += [label(x) for x in ep.locations]
    where = (", " + ", ".join(parts)) if parts else ""
    day = day_label(local.date(), today)
    return f"{day} {local:%H:%M} (night of {day_label(night, today)}){where}"


def clock(seconds: float) -> str:
    """mm:ss for countdowns (rounded up, so 0:00 shows only at the very end)."""
    whole = max(0, int(-(-seconds // 1)))
    return f"{whole // 60:02d}:{whole % 60:02d}"
