"""Hand-drawn charts as Textual markup: block-character bars coloured by theme variables.

Every function returns plain strings with ``[$variable]`` markup, so the charts follow the
theme (calm dark or night red) without a colour of their own. Nothing here reads a widget.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

EIGHTHS = " ▁▂▃▄▅▆▇█"
H_EIGHTHS = " ▏▎▍▌▋▊▉█"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAY_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

BAR = "$error"
CALM = "$foreground-muted"
TRACK = "$foreground-muted 30%"


def short_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


def paint(text: str, style: str) -> str:
    return f"[{style}]{text}[/]" if text.strip() else text


def column_rows(
    values: Sequence[int | None],
    *,
    height: int,
    col_width: int,
    scale: float,
    style: str = BAR,
    gap: int = 1,
) -> list[str]:
    """Vertical bars, top row first; ``None`` is a column with no data (left blank).

    Each row is 8 eighths high, so a bar grows in small steps. A zero draws a faint
    baseline so an empty week still shows where it is.
    """
    bar_w = max(1, col_width - gap)
    pad = " " * (col_width - bar_w)
    rows: list[str] = []
    for level in range(height - 1, -1, -1):
        parts: list[str] = []
        for value in values:
            if value is None:
                parts.append(" " * col_width)
                continue
            eighths = round(value / scale * height * 8) if scale > 0 else 0
            if value > 0:
                eighths = max(eighths, 1)
            fill = min(8, max(0, eighths - level * 8))
            if fill:
                parts.append(paint(EIGHTHS[fill] * bar_w, style) + pad)
            elif level == 0:
                parts.append(paint("▁" * bar_w, TRACK) + pad)
            else:
                parts.append(" " * col_width)
        rows.append("".join(parts).rstrip())
    return rows


def labels_row(labels: Sequence[str], col_width: int) -> str:
    """Labels under columns, each starting at its column; one is skipped if it would collide."""
    line = ""
    for i, text in enumerate(labels):
        start = i * col_width
        if not text:
            continue
        if len(line) > start - (1 if line else 0) and line:
            continue
        line = line.ljust(start) + text
    return line


def date_rows(days: Sequence[date], col_width: int) -> list[str]:
    """Two label rows under week columns: the day of the month, then the month where it starts.

    With narrow columns only every few days are labelled, so labels never touch.
    """
    step = max(1, -(-3 // col_width))  # each label needs 2 characters and a space
    day_labels = [str(d.day) if i % step == 0 else "" for i, d in enumerate(days)]
    month_labels = [
        MONTHS[d.month - 1] if i == 0 or d.month != days[i - 1].month else ""
        for i, d in enumerate(days)
    ]
    return [labels_row(day_labels, col_width), labels_row(month_labels, col_width)]


def count_row(values: Sequence[int | None], col_width: int) -> str:
    """The numbers above the bars (blank for zero or no data)."""
    cells = []
    for value in values:
        text = "" if not value else str(value)
        cells.append(text[:col_width].ljust(col_width))
    return paint("".join(cells).rstrip(), CALM)


def hbar(value: float, scale: float, width: int, style: str = BAR) -> str:
    """A horizontal bar in eighths on a faint track of ``width`` cells."""
    width = max(1, width)
    eighths = round(value / scale * width * 8) if scale > 0 else 0
    if value > 0:
        eighths = max(eighths, 1)
    eighths = min(eighths, width * 8)
    full, part = divmod(eighths, 8)
    bar = "█" * full + (H_EIGHTHS[part] if part else "")
    rest = width - len(bar)
    return paint(bar, style) + paint("░" * rest, TRACK)


def heat_calendar(
    cramp: dict[date, int],
    first: date,
    last: date,
    tracked_from: date | None,
    max_columns: int,
) -> list[str]:
    """Weeks as columns (Monday on top), one cell per night: █ a cramp night, · a quiet one.

    Nights before ``tracked_from`` or after ``last`` stay blank. When the period has
    more weeks than ``max_columns``, the latest weeks are shown.
    """
    start = first - timedelta(days=first.weekday())
    columns = (last - start).days // 7 + 1
    if columns > max_columns:
        start = start + timedelta(days=7 * (columns - max_columns))
        columns = max_columns
    header = ""
    for col in range(columns):
        monday = start + timedelta(days=7 * col)
        month_starts = col == 0 or monday.month != (monday - timedelta(days=7)).month
        pos = col * 2
        if month_starts and (not header or len(header) < pos):
            header = header.ljust(pos) + MONTHS[monday.month - 1]
    rows = ["    " + paint(header, CALM)]
    for weekday in range(7):
        cells: list[str] = []
        for col in range(columns):
            night = start + timedelta(days=7 * col + weekday)
            if night > last or night < first or tracked_from is None or night < tracked_from:
                cells.append("  ")
            elif cramp.get(night):
                cells.append(paint("█", "$error") + " ")
            else:
                cells.append(paint("·", CALM) + " ")
        rows.append(f"{WEEKDAY_SHORT[weekday]} " + "".join(cells).rstrip())
    return rows
