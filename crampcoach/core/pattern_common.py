"""Constants and wording helpers shared by the pattern modules.

Split out of ``crampcoach.core.patterns``, which re-exports every name.
"""

from __future__ import annotations

from datetime import date

from crampcoach.core.durations import duration_text
from crampcoach.core.pattern_tally import Tally

NO_TALLY = Tally((), 0, 0)  # frozen, so one shared empty tally is safe

MIN_NIGHTS_PER_SIDE = 5
"""A factor's shares are shown only with at least this many nights with it and without it."""

LITTLE_WATER_GLASSES = 6
"""Fewer glasses than this count as "little water" (1.5 litres is about 6 glasses)."""

WEEKS = 12
TREND_WINDOW = 14

NO_TREND_YET = "Not enough nights yet to see a trend."
"""Said instead of a trend while the journal does not cover the earlier span: nights before
the first record are unknown, not free of cramps."""

CLEAR_CHANGE_RATIO = 1.5
CLEAR_CHANGE_NIGHTS = 3
"""A change is called a trend (an arrow on Patterns) only when the busier span has at least
this many cramp nights and this many times the other's: the defaults of the doctor's
"getting worse" rule (core/doctor_thresholds.py), so the two never disagree by default."""

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES: dict[str, str] = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# ---------------------------------------------------------------- wording helpers


def percent(part: int, whole: int) -> int:
    """A whole percentage, rounded half up (6 of 9 is 67)."""
    if whole <= 0:
        return 0
    return (200 * part + whole) // (2 * whole)


def format_duration(seconds: float | None) -> str:
    """'45 s', '2 min', '2.5 min', or 'unknown' (the one duration formatter, core.durations)."""
    return duration_text(seconds, unknown="unknown")


def format_night(night: date, *, year: bool = False) -> str:
    """'21 Nov' (or '21 Nov 2026'), independent of the locale."""
    text = f"{night.day} {_MONTHS[night.month - 1]}"
    return f"{text} {night.year}" if year else text


def format_number(value: float) -> str:
    """10.0 -> '10', 1.5 -> '1.5'."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 cramp night', '2 cramp nights'."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def hour_span(hour: int) -> str:
    """'02:00–03:00'."""
    return f"{hour:02d}:00–{(hour + 1) % 24:02d}:00"
