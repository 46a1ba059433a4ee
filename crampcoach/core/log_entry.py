"""Rules the log form shows while someone types: which night a time lands on, what is missing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from crampcoach.core.dates import day_label, moment_label
from crampcoach.core.nights import night_of
from crampcoach.core.vocab import label


def when_preview(instant: datetime, zone: tzinfo, boundary_hour: int, today_local: datetime) -> str:
    """'→ Tue 01 Dec 03:10 (night of Mon 30 Nov)': the day, the time and the night it counts for."""
    local = instant.astimezone(zone)
    today = today_local.astimezone(zone).date()
    night = night_of(instant, zone, boundary_hour)
    return f"→ {moment_label(local, today)} (night of {day_label(night, today)})"


def missing_basics(side: str | None, locations: Sequence[str]) -> list[str]:
    """What a saved cramp would lack that patterns and the doctor need: 'which leg', 'where'."""
    missing = []
    if side is None:
        missing.append("which leg")
    if not locations:
        missing.append("where")
    return missing


def as_last_time(side: str | None, locations: Sequence[str]) -> str:
    """'as last time: left, calf' — the label on anything the form filled in by itself."""
    parts = ([side] if side else []) + [label(x) for x in locations]
    return "as last time: " + ", ".join(parts) if parts else ""


def time_is_complete(text: str) -> bool:
    """True when a typed clock time can only mean one time, so the form may move on by itself.

    "310", "0310", "03:10" and "23:40" are complete; "123" is not (1:23, or 12:30 on the way),
    nor "3:1" or anything with words in it ("yesterday 3:10" keeps its Enter).
    """
    digits = text.replace(":", "")
    if not digits.isdigit() or text.count(":") > 1:
        return False
    if ":" in text:
        hour, minute = text.split(":")
        return 1 <= len(hour) <= 2 and len(minute) == 2 and _valid(int(hour), int(minute))
    if len(digits) == 4:
        return _valid(int(digits[:2]), int(digits[2:]))
    # Three digits are h:mm unless the first two could still be an hour ("12" of "1230").
    return len(digits) == 3 and int(digits[:2]) > 23 and _valid(int(digits[0]), int(digits[1:]))


def _valid(hour: int, minute: int) -> bool:
    return 0 <= hour <= 23 and 0 <= minute <= 59
