"""The one way a cramp's length is written for people: seconds under a minute."""

from __future__ import annotations


def duration_text(seconds: float | None, *, unknown: str = "duration not noted") -> str:
    """'45 s', '4 min', '4 min 30 s', '1 h 5 min'; ``unknown`` when not noted."""
    if seconds is None:
        return unknown
    whole = max(0, round(seconds))
    if whole < 60:
        return f"{whole} s"
    minutes, rest = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min" + (f" {rest} s" if rest else "")
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h" + (f" {minutes} min" if minutes else "")
