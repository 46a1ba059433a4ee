"""The doctor rules that read what an episode noted: the urgent ones and the warning signs.

The urgent rules (a cramp longer than the limit, swelling with redness or warmth of one
leg) look at the recent nights only; the warning signs (redness or warmth, numbness or
swelling, weakness) have no time limit and stay until a doctor's visit is recorded. Each
also runs on a single, just-logged episode.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from crampcoach.core import vocab
from crampcoach.core.doctor_common import _Context, _n, _night, _reason, _times, _urgent_tail
from crampcoach.core.doctor_rules import NEUROLOGIST, Reason, Rule
from crampcoach.core.models import Episode
from crampcoach.core.patterns import LoggedEpisode
from crampcoach.core.urgent_help import format_limit_duration

# ---------------------------------------------------------------- urgent rules


def _long_episode(rule: Rule, ctx: _Context, t: Mapping[str, float]) -> list[Reason]:
    limit = t["long_episode_min"]
    long = [
        i
        for i in ctx.recent
        if i.episode.duration_s is not None and i.episode.duration_s > limit * 60
    ]
    if not long:
        return []
    worst = max(long, key=lambda i: i.episode.duration_s or 0)
    longest = format_limit_duration(worst.episode.duration_s or 0)
    limit_words = f"{_n(limit)} minutes"
    if ctx.single:
        what = f"This cramp lasted {longest}, longer than {limit_words}."
    elif len(long) == 1:
        what = f"A cramp on {_night(worst.night)} lasted {longest}, longer than {limit_words}."
    else:
        what = (
            f"{len(long)} cramps in the last {int(t['recent_nights'])} nights lasted longer "
            f"than {limit_words} (the longest {longest}, on {_night(worst.night)})."
        )
    text = (
        f"{what} The NHS advises an urgent appointment when a cramp lasts longer than "
        f"10 minutes: ask your GP for one today. {_urgent_tail(ctx)}"
    )
    return [
        _reason(
            rule,
            text,
            f"a cramp lasted {longest}",
            limit=float(limit),
            count=len(long),
            longest_s=worst.episode.duration_s,
            night=worst.night.isoformat(),
        )
    ]


_LEGS = ("left", "right")


def _legs(episode: Episode) -> tuple[str, ...]:
    """The legs an episode may concern: "both" is either, and an unnoted side could be."""
    return (episode.side,) if episode.side in _LEGS else _LEGS


def _where(items: Iterable[LoggedEpisode]) -> str:
    locations = {loc for i in items for loc in i.episode.locations}
    if "calf" in locations:
        return "calf"
    named = sorted(vocab.label(loc) for loc in locations if loc != "other")
    return named[0] if len(named) == 1 else "leg"


@dataclass(frozen=True)
class _ClotSign:
    night: date
    legs: tuple[str, ...]
    items: tuple[LoggedEpisode, ...]


def _clot_signs(items: Iterable[LoggedEpisode]) -> list[_ClotSign]:
    """Nights where one leg had both swelling and redness or warmth, in one episode or several."""
    by_night: dict[date, list[LoggedEpisode]] = {}
    for i in items:
        flags = i.episode.red_flags
        if "swelling" in flags or "redness-or-warmth" in flags:
            by_night.setdefault(i.night, []).append(i)
    found = []
    for night, group in sorted(by_night.items()):
        legs: list[str] = []
        involved: list[LoggedEpisode] = []
        for leg in _LEGS:
            on_leg = [i for i in group if leg in _legs(i.episode)]
            swollen = [i for i in on_leg if "swelling" in i.episode.red_flags]
            red = [i for i in on_leg if "redness-or-warmth" in i.episode.red_flags]
            if swollen and red:
                legs.append(leg)
                involved += [i for i in swollen + red if i not in involved]
        if legs:
            found.append(_ClotSign(night, tuple(legs), tuple(involved)))
    return found


def _leg_words(sign: _ClotSign) -> str:
    where = _where(sign.items)
    sides = {i.episode.side for i in sign.items}
    if len(sign.legs) == 2:
        if sides <= {"both"}:
            return f"both legs ({where})" if where != "leg" else "both legs"
        return f"the same {where}" if where != "leg" else "the same leg"
    return f"your {sign.legs[0]} {where}"


def _swelling_with_redness(rule: Rule, ctx: _Context, t: Mapping[str, float]) -> list[Reason]:
    signs = _clot_signs(ctx.recent)
    if not signs:
        return []
    latest = signs[-1]
    when = "With this cramp" if ctx.single else f"On {_night(latest.night)}"
    text = (
        f"{when} you noted swelling and redness or warmth of {_leg_words(latest)}. "
        "A blood clot can look like a cramp, so have this checked today: ask your GP for an "
        f"urgent appointment. {_urgent_tail(ctx)}"
    )
    return [
        _reason(
            rule,
            text,
            "swelling with redness or warmth",
            count=len(signs),
            night=latest.night.isoformat(),
            legs=latest.legs,
        )
    ]


# ---------------------------------------------------------------- warning signs (no time limit)


def _sign_events(items: Iterable[LoggedEpisode], flag: str) -> list[LoggedEpisode]:
    return [i for i in items if flag in i.episode.red_flags]


def _sign_words(ctx: _Context, name: str, events: Sequence[LoggedEpisode]) -> str:
    if ctx.single:
        return name
    latest = events[-1]
    if len(events) == 1:
        return f"{name} on {_night(latest.night)}"
    return f"{name} {_times(len(events))} (the latest on {_night(latest.night)})"


def _sign_keys(rule: Rule, events: Iterable[LoggedEpisode]) -> tuple[Any, ...]:
    return tuple((rule.rule_id, i.episode.id) for i in events)


def _redness(rule: Rule, ctx: _Context, t: Mapping[str, float]) -> list[Reason]:
    # A night that already made the urgent swelling-with-redness reason needs no second one.
    clot_nights = {s.night for s in _clot_signs(ctx.recent)}
    events = [i for i in _sign_events(ctx.signs, "redness-or-warmth") if i.night not in clot_nights]
    if not events:
        return []
    where = _where(events[-1:])
    noted = _sign_words(ctx, f"redness or warmth of the {where}", events)
    opening = "With this cramp you noted" if ctx.single else "You noted"
    text = (
        f"{opening} {noted}. A red, warm patch of skin can also be a skin infection "
        "(cellulitis), which needs a doctor to look at it: see a GP soon, the same day if "
        "the redness spreads or hurts. If the same leg is also swollen, get help today. "
        f"{_urgent_tail(ctx)}"
    )
    return [
        _reason(
            rule,
            text,
            "redness or warmth of the leg",
            keys=_sign_keys(rule, events),
            count=len(events),
            night=events[-1].night.isoformat(),
        )
    ]


def _numbness_or_swelling(rule: Rule, ctx: _Context, t: Mapping[str, float]) -> list[Reason]:
    numb = _sign_events(ctx.signs, "numbness")
    swell = _sign_events(ctx.signs, "swelling")
    if not numb and not swell:
        return []
    parts, whom = [], []
    if numb:
        parts.append(_sign_words(ctx, "numbness", numb))
        whom.append(NEUROLOGIST)
    if swell:
        parts.append(_sign_words(ctx, "swelling", swell))
    opening = "With this cramp you noted" if ctx.single else "You noted"
    text = (
        f"{opening} {' and '.join(parts)}. The NHS advises seeing a GP when cramps come "
        "with numbness or swelling in the legs."
    )
    summary = " and ".join(w for w, e in (("numbness", numb), ("swelling", swell)) if e)
    return [
        _reason(
            rule,
            text,
            summary,
            whom=whom,
            keys=_sign_keys(rule, numb + swell),
            numbness=len(numb),
            swelling=len(swell),
        )
    ]


def _weakness(rule: Rule, ctx: _Context, t: Mapping[str, float]) -> list[Reason]:
    events = _sign_events(ctx.signs, "weakness")
    if not events:
        return []
    opening = "With this cramp you noted" if ctx.single else "You noted"
    noted = _sign_words(ctx, "leg muscles getting weaker or smaller", events)
    text = f"{opening} {noted}. NHS inform advises seeing a GP when leg muscles shrink or weaken."
    return [
        _reason(
            rule,
            text,
            "muscles getting weaker or smaller",
            keys=_sign_keys(rule, events),
            count=len(events),
        )
    ]
