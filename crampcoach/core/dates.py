"""Dates as people read them: the year only when it is not this year."""

from __future__ import annotations

from datetime import date, datetime


def day_label(day: date, today: date, *, weekday: bool = True) -> str:
    """'Tue 01 Dec', or 'Sat 02 Dec 2023' when ``day`` is in another year than ``today``."""
    text = day.strftime("%a %d %b" if weekday else "%d %b").lstrip()
    if not weekday and text.startswith("0"):
        text = text[1:]
    return text if day.year == today.year else f"{text} {day.year}"


def moment_label(local: datetime, today: date) -> str:
    """'Tue 01 Dec 03:10' (with the year when it is not this year's)."""
    return f"{day_label(local.date(), today)} {local:%H:%M}"
