"""The one way a cramp's length is written for people; every screen, the report and ``stats``
use it. Under a minute it is seconds ("45 s"), never "0 min"."""

from __future__ import annotations


def duration_text(seconds: float | None, *, unknown: str = "duration not noted") -> str:
    """'45 s', '2 min', '2.5 min', '14 min', '1 h 5 min'; ``unknown`` when not noted."""
    if seconds is None:
        return unknown
    whole = max(0, round(seconds))
    if whole < 60:
        return f"{whole} s"
    minutes = whole / 60
    if minutes >= 60:
        hours, rest = divmod(round(minutes), 60)
        return f"{hours} h" + (f" {rest} min" if rest else "")
    if minutes >= 10:
        return f"{round(minutes)} min"
    text = f"{minutes:.1f}".removesuffix(".0")
    return f"{text} min"
