"""Evening factors from the check-ins: shares of cramp nights with and without.

Association, never cause; at least MIN_NIGHTS_PER_SIDE nights on each side.

Split out of ``crampcoach.core.patterns``, which re-exports every name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from crampcoach.core.models import CheckIn
from crampcoach.core.pattern_common import (
    LITTLE_WATER_GLASSES,
    MIN_NIGHTS_PER_SIDE,
    percent,
)
from crampcoach.core.pattern_index import (
    NightIndex,
)
from crampcoach.core.pattern_results import (
    FactorResult,
)


@dataclass(frozen=True)
class _Factor:
    key: str
    phrase: str
    checkin_field: str | None
    triggers: tuple[str, ...]


# Each check-in factor, with the episode triggers that mean the same thing; then the
# triggers with no check-in question. The bedtime routine has its own pattern.
FACTORS: tuple[_Factor, ...] = (
    _Factor("caffeine_after_noon", "caffeine", "caffeine_after_noon", ("caffeine",)),
    _Factor("alcohol", "alcohol", "alcohol", ("alcohol",)),
    _Factor(
        "long_standing_or_exercise",
        "long standing or hard exercise",
        "long_standing_or_exercise",
        ("long-standing", "exercise"),
    ),
    _Factor("tight_shoes", "tight shoes or high heels", "tight_shoes", ("tight-shoes",)),
    _Factor("got_chilled", "getting chilled", "got_chilled", ("cold",)),
    _Factor("stressful_day", "a stressful day", "stressful_day", ("stress",)),
    _Factor(
        "water_glasses",
        f"little water (under {LITTLE_WATER_GLASSES} glasses)",
        "water_glasses",
        ("little-water",),
    ),
    _Factor("new-medicine", "a new medicine", None, ("new-medicine",)),
    _Factor("other", "another trigger you noted", None, ("other",)),
)


def _present(checkin: CheckIn, factor: _Factor) -> bool | None:
    """Whether the check-in says the factor was there (None: it does not say)."""
    if factor.checkin_field is None:
        return False
    if factor.checkin_field == "water_glasses":
        glasses = checkin.water_glasses
        return None if glasses is None else glasses < LITTLE_WATER_GLASSES
    return bool(getattr(checkin, factor.checkin_field))


def _share_text(
    subject: str, a: int, n: int, b: int, m: int, min_per_side: int, without: str = "without"
) -> tuple[bool, str]:
    if n < min_per_side or m < min_per_side:
        return False, (
            f"{subject}: not enough data yet ({n} nights with, {m} without; "
            f"{min_per_side} of each needed)"
        )
    return True, (
        f"{subject}: {a} of {n} had cramps ({percent(a, n)}%); "
        f"{without}: {b} of {m} ({percent(b, m)}%)"
    )


def _checkins_in(
    checkins: Iterable[CheckIn], first: date | None, last: date
) -> dict[date, CheckIn]:
    """One check-in per night (the last one given wins), within the nights asked for."""
    out: dict[date, CheckIn] = {}
    if first is None:
        return out
    for c in checkins:
        if first <= c.night <= last:
            out[c.night] = c
    return out


def factors(
    index: NightIndex,
    checkins: Iterable[CheckIn],
    first: date | None,
    last: date,
    min_per_side: int = MIN_NIGHTS_PER_SIDE,
    *,
    _by_night: dict[date, CheckIn] | None = None,
) -> tuple[FactorResult, ...]:
    """For each factor, cramp shares on checked-in nights with it and without it.

    A night has the factor when its check-in says so or an episode that night names a
    matching trigger; only checked-in nights count, since only they say "no" too.
    Triggers with no check-in question are reported as counts only, and only when logged.
    """
    by_night = _by_night if _by_night is not None else _checkins_in(checkins, first, last)
    # Triggers named on each checked-in night.
    named: dict[date, set[str]] = {}
    all_named: dict[str, int] = {}
    for item in index.between(first, last) if first is not None else ():
        if item.episode.triggers:
            named.setdefault(item.night, set()).update(item.episode.triggers)
    for trig in named.values():
        for t in trig:
            all_named[t] = all_named.get(t, 0) + 1

    results: list[FactorResult] = []
    for factor in FACTORS:
        subject = f"nights after {factor.phrase}"
        if factor.checkin_field is None:
            count = sum(all_named.get(t, 0) for t in factor.triggers)
            if not count:
                continue
            nights_word = "night" if count == 1 else "nights"
            text = (
                f"{factor.phrase}: noted on {count} cramp {nights_word}; it is only noted "
                "with a cramp, so there is nothing to compare with"
            )
            results.append(
                FactorResult(
                    factor.key,
                    factor.phrase,
                    factor.triggers,
                    count,
                    count,
                    0,
                    0,
                    False,
                    False,
                    text,
                )
            )
            continue
        n = a = m = b = 0
        for night, checkin in by_night.items():
            present = _present(checkin, factor)
            noted = named.get(night)
            if noted and any(t in noted for t in factor.triggers):
                present = True
            if present is None:
                continue
            cramp = night in index.by_night
            if present:
                n += 1
                a += cramp
            else:
                m += 1
                b += cramp
        enough, text = _share_text(subject, a, n, b, m, min_per_side)
        results.append(
            FactorResult(factor.key, factor.phrase, factor.triggers, n, a, m, b, True, enough, text)
        )
    return tuple(results)
