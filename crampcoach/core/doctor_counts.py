"""The doctor rules that count nights over a window: woken most nights, getting worse, frequent.

Each window ends with ``_Context.end`` (the last night slept, or tonight once logged); the
trend compares two spans of the same length and only once the journal tracked both.
"""

from __future__ import annotations

from collections.abc import Mapping

from crampcoach.core.doctor_common import _Context, _n, _reason
from crampcoach.core.doctor_rules import Reason, Rule
from crampcoach.core.patterns import plural, trend_known, trend_spans, window


def _woke_most_nights(rule: Rule, ctx: _Context, t: Mapping[str, float]) -> list[Reason]:
    if ctx.index is None or ctx.end is None:
        return []
    nights = int(t["woke_window_nights"])
    count = ctx.index.woke_nights(*window(ctx.end, nights))
    if count < t["woke_nights"]:
        return []
    text = (
        f"Cramps woke you on {count} of the last {nights} nights (the rule: "
        f"{_n(t['woke_nights'])} or more). The NHS advises seeing a GP when cramps disturb "
        "your sleep."
    )
    return [
        _reason(
            rule,
            text,
            f"cramps woke you on {count} of {nights} nights",
            count=count,
            window=nights,
            limit=float(t["woke_nights"]),
        )
    ]


def _getting_worse(rule: Rule, ctx: _Context, t: Mapping[str, float]) -> list[Reason]:
    if ctx.index is None or ctx.end is None:
        return []
    nights = int(t["worse_window_nights"])
    if not trend_known(ctx.end, ctx.tracked_from, nights):
        return []
    before_first, before_last, first = trend_spans(ctx.end, nights)
    recent = ctx.index.cramp_nights(first, ctx.end)
    previous = ctx.index.cramp_nights(before_first, before_last)
    if recent < t["worse_min_nights"] or recent < t["worse_ratio"] * previous:
        return []
    text = (
        f"Cramps are getting more frequent: {plural(recent, 'cramp night')} in the last "
        f"{nights} nights against {previous} in the {nights} before (the rule: at least "
        f"{_n(t['worse_ratio'])} times as many, and at least {_n(t['worse_min_nights'])})."
    )
    return [
        _reason(
            rule,
            text,
            "cramps are getting more frequent",
            recent=recent,
            previous=previous,
            window=nights,
            ratio=float(t["worse_ratio"]),
            minimum=float(t["worse_min_nights"]),
        )
    ]


def _frequent(rule: Rule, ctx: _Context, t: Mapping[str, float]) -> list[Reason]:
    if ctx.index is None or ctx.end is None:
        return []
    sw, lw = int(t["frequent_short_window"]), int(t["frequent_long_window"])
    short = ctx.index.cramp_nights(*window(ctx.end, sw))
    long = ctx.index.cramp_nights(*window(ctx.end, lw))
    if short < t["frequent_short_nights"] and long < t["frequent_long_nights"]:
        return []
    text = (
        f"You had cramps on {short} of the last {sw} nights and on {long} of the last {lw}. "
        f"The app counts {_n(t['frequent_short_nights'])} in {sw} or "
        f"{_n(t['frequent_long_nights'])} in {lw} as frequent; this threshold is the app's "
        "own, because no guideline gives a number. Frequent cramps are worth mentioning to a GP."
    )
    return [
        _reason(
            rule,
            text,
            f"cramps on {short} of the last {sw} nights",
            short=short,
            long=long,
            short_window=sw,
            long_window=lw,
            short_limit=float(t["frequent_short_nights"]),
            long_limit=float(t["frequent_long_nights"]),
        )
    ]
