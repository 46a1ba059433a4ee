"""Cramp nights per calendar month: the long view, when weeks no longer fit a screen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol


class _Index(Protocol):
    def cramp_nights(self, first: date, last: date) -> int: ...


@dataclass(frozen=True)
class MonthCount:
    """The nights of one calendar month (by evening date) inside the period."""

    first_night: date
    last_night: date
    cramp_nights: int
    tracked_nights: int


def monthly(index: _Index, first: date, last: date) -> tuple[MonthCount, ...]:
    """One entry per calendar month from ``first`` to ``last`` (both tracked nights), oldest
    first; the first and last months hold only the nights inside the period."""
    out: list[MonthCount] = []
    start = first
    while start <= last:
        nxt = (start.replace(day=1) + timedelta(days=32)).replace(day=1)
        end = min(last, nxt - timedelta(days=1))
        out.append(MonthCount(start, end, index.cramp_nights(start, end), (end - start).days + 1))
        start = nxt
    return tuple(out)


def bars_fit(count: int, width: int, min_col: int = 2) -> bool:
    """Whether ``count`` bars of at least ``min_col`` cells (bar and gap) fit in ``width``."""
    return count * min_col <= width
