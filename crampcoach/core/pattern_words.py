"""How a period of nights is named in sentences: never counting nights before tracking began."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from crampcoach.core.dates import day_label


class _Period(Protocol):
    @property
    def first_night(self) -> date: ...
    @property
    def last_night(self) -> date: ...
    @property
    def days(self) -> int | None: ...
    @property
    def tracked_from(self) -> date | None: ...

    @property
    def tracked_nights(self) -> int: ...


def _nights(count: int) -> str:
    return f"{count} night" + ("" if count == 1 else "s")


def span_words(period: _Period, today: date) -> str:
    """'the last 84 nights', or — when tracking began inside the window or the period is the
    whole journal — 'the 26 nights since you started on 2 Nov' (with the year if not this one).
    """
    start = period.tracked_from
    if start is None:
        return f"the last {_nights(period.days)}" if period.days else "no tracked nights yet"
    since = day_label(start, today, weekday=False)
    if period.days is None:
        return f"the {_nights(period.tracked_nights)} since {since}"
    if start > period.first_night:
        return f"the {_nights(period.tracked_nights)} since you started on {since}"
    return f"the last {_nights(period.days)}"
