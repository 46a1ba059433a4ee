"""The doctor rules' thresholds: defaults, labels and the bounds enforced where they are read.

Settings may store any number; only :func:`merge_thresholds` decides what the rules use.
It keeps every value inside its bounds and every "N of the last M nights" pair with N ≤ M,
so no setting can switch an urgent rule off (the long-cramp limit never rises above the
NHS's 10 minutes) or make a count rule impossible to meet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from crampcoach.core.pattern_common import CLEAR_CHANGE_NIGHTS, CLEAR_CHANGE_RATIO

# The NHS asks for an urgent appointment when a cramp lasts longer than this.
LONG_EPISODE_LIMIT_MIN = 10.0


@dataclass(frozen=True)
class ThresholdInfo:
    """What a settings screen needs to show and edit one threshold."""

    key: str
    label: str
    default: float
    unit: str
    integer: bool = True
    minimum: float = 1
    maximum: float = 90


THRESHOLDS: tuple[ThresholdInfo, ...] = (
    ThresholdInfo(
        "long_episode_min",
        "Urgent: a cramp lasting longer than",
        LONG_EPISODE_LIMIT_MIN,
        "minutes",
        integer=False,
        maximum=LONG_EPISODE_LIMIT_MIN,
    ),
    ThresholdInfo(
        "recent_nights", "Look for long cramps (urgent) in the last", 14, "nights", minimum=7
    ),
    ThresholdInfo(
        "woke_nights", "See a doctor: cramps woke you on at least", 3, "nights", maximum=30
    ),
    ThresholdInfo("woke_window_nights", "…out of the last", 7, "nights", maximum=30),
    ThresholdInfo(
        "worse_ratio",
        "Getting worse: recent cramp nights at least this many times the ones before",
        CLEAR_CHANGE_RATIO,
        "times",
        integer=False,
        minimum=1,
        maximum=10,
    ),
    ThresholdInfo(
        "worse_min_nights", "Getting worse: and at least", CLEAR_CHANGE_NIGHTS, "cramp nights"
    ),
    ThresholdInfo(
        "worse_window_nights", "Getting worse: compare two spans of", 14, "nights", minimum=7
    ),
    ThresholdInfo("frequent_short_nights", "Frequent: cramps on at least", 3, "nights"),
    ThresholdInfo("frequent_short_window", "…out of the last", 7, "nights"),
    ThresholdInfo("frequent_long_nights", "Frequent: or on at least", 6, "nights"),
    ThresholdInfo("frequent_long_window", "…out of the last", 30, "nights"),
)
THRESHOLD_INFO: dict[str, ThresholdInfo] = {t.key: t for t in THRESHOLDS}
DEFAULT_THRESHOLDS: dict[str, float] = {t.key: t.default for t in THRESHOLDS}

# (count, window): the count may never exceed its window.
PAIRS: tuple[tuple[str, str], ...] = (
    ("woke_nights", "woke_window_nights"),
    ("worse_min_nights", "worse_window_nights"),
    ("frequent_short_nights", "frequent_short_window"),
    ("frequent_long_nights", "frequent_long_window"),
)


def bound(key: str, value: float) -> float:
    """``value`` clamped into the bounds of threshold ``key`` (whole nights for counts)."""
    info = THRESHOLD_INFO[key]
    if info.integer:
        value = float(round(value))
    return float(min(max(value, info.minimum), info.maximum))


def merge_thresholds(overrides: Mapping[str, Any] | None = None) -> dict[str, float]:
    """The defaults with the overrides applied, inside their bounds.

    Unknown keys and non-numbers are ignored; a value below its minimum falls back to
    the default (0 or a negative number is a slip, not a wish); a value above its maximum
    is clamped to it; a count larger than its window is lowered to the window.
    """
    merged = dict(DEFAULT_THRESHOLDS)
    for key, value in (overrides or {}).items():
        info = THRESHOLD_INFO.get(key)
        if info is None or isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if value != value or value < info.minimum:
            continue
        merged[key] = bound(key, float(value))
    for count, span in PAIRS:
        merged[count] = min(merged[count], merged[span])
    return merged
