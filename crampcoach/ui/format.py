"""Small display helpers shared by screens."""

from __future__ import annotations

from datetime import date, datetime, tzinfo


def night_name(night: date) -> str:
    return f"night of {night.strftime('%a %d %b')}"


def local_time(instant: datetime, zone: tzinfo) -> str:
    return instant.astimezone(zone).strftime("%H:%M")


def duration_words(seconds: int | None) -> str:
    if seconds is None:
        return "duration not noted"
    if seconds < 60:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min" + (f" {rest} s" if rest else "")
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min"


def clock(seconds: float) -> str:
    """mm:ss for countdowns (rounded up, so 0:00 shows only at the very end)."""
    whole = max(0, int(-(-seconds // 1)))
    return f"{whole // 60:02d}:{whole % 60:02d}"
