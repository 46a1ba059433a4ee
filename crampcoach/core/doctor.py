"""When to see a doctor: the rules of the doctor advice, as data, evaluated over the journal.

Each rule is a :class:`Rule` (id, level, whom, the thresholds it reads, where it comes from);
a small evaluator per rule fills in the words and numbers. Thresholds are bounded where they
are read (``crampcoach.core.doctor_thresholds``). Nothing here reads the clock; the wording
never diagnoses and never tells anyone to stop a medicine.

How the rules see time (``docs/doctor-rules.md`` says the same for people):

- Count windows ("3 of the last 7 nights") end with the last night slept (its local
  midnight has passed), or with tonight once an episode is logged in it: a night not yet
  slept is never counted as cramp-free, so 08:30 and 14:30 give the same advice.
- Nights before the journal's first record are untracked: no rule compares against them.
- Warning signs (numbness, swelling, weakness, redness or warmth) have no time limit: they
  stay until a doctor's visit is recorded. A visit quiets the routine and "mention" reasons
  present at its date until something new fires; urgent reasons are never quieted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from crampcoach.core import vocab
from crampcoach.core.doctor_thresholds import (
    DEFAULT_THRESHOLDS,
    THRESHOLD_INFO,
    THRESHOLDS,
    ThresholdInfo,
    merge_thresholds,
)
from crampcoach.core.doctor_visit import DoctorVisit, latest_visit
from crampcoach.core.models import Episode, Profile, Settings
from crampcoach.core.nights import DEFAULT_BOUNDARY_HOUR, episode_night
from crampcoach.core.patterns import (
    LoggedEpisode,
    NightIndex,
    format_night,
    format_number,
    index_episodes,
    local_start,
    plural,
    reference_night,
    settled_night,
    window,
)
from crampcoach.core.urgent_help import (
    DEFAULT_NUMBERS,
    HelpNumbers,
    format_limit_duration,
    help_lines,
    help_numbers,
)

__all__ = [
    "DEFAULT_THRESHOLDS",
    "THRESHOLDS",
    "THRESHOLD_INFO",
    "ThresholdInfo",
    "merge_thresholds",
]

NONE, MENTION, SEE_DOCTOR, URGENT = "none", "mention", "see-doctor", "urgent"
LEVELS: tuple[str, ...] = (NONE, MENTION, SEE_DOCTOR, URGENT)
# How soon, finer than the level: redness alone is "see a doctor", but soon.
TODAY, SOON, ROUTINE, NEXT_VISIT = "today", "soon", "routine", "next-visit"
WHEN_ORDER: tuple[str, ...] = (NEXT_VISIT, ROUTINE, SOON, TODAY)

GP = "GP (family doctor)"
MIDWIFE = "midwife"
PHLEBOLOGIST = "phlebologist (vein specialist)"
ENDOCRINOLOGIST = "endocrinologist (hormone specialist)"
NEUROLOGIST = "neurologist (nerve specialist)"
WHOM_ORDER: tuple[str, ...] = (GP, MIDWIFE, PHLEBOLOGIST, ENDOCRINOLOGIST, NEUROLOGIST)

# One headline per "how soon", so a headline always agrees with its most pressing reason.
HEADLINES: dict[str, str] = {
    TODAY: "Get medical advice today: ask your GP for an urgent appointment today.",
    SOON: "See a GP soon: today if the redness spreads or hurts.",
    ROUTINE: "Worth a routine visit to your GP.",
    NEXT_VISIT: "Nothing urgent: mention your cramps at your next visit or check-up.",
    NONE: "Nothing in your log calls for a doctor's visit right now. "
    "If you are worried, see your GP anyway.",
}
# The short form for banners; the same word ("today") as the headline.
HEADINGS: dict[str, str] = {
    TODAY: "Get medical advice today",
    SOON: "See a GP soon",
    ROUTINE: "Worth seeing a doctor",
    NEXT_VISIT: "Worth mentioning at your next visit",
    NONE: "",
}
OWN_THRESHOLD_NOTE = (
    "The 'frequent' threshold is the app's own: no guideline gives a number for it."
)
DISCLAIMER = (
    "This advice comes from your own log and simple rules based on NHS, NHS inform, "
    "Mayo Clinic and NICE CKS guidance. It is not a diagnosis."
)
NO_TREND_YET = "Not enough nights yet to see a trend."
SIGNS_STAY_NOTE = "Warning signs stay in this advice until you record that a doctor has seen them."


def thresholds_from_settings(settings: Settings | None) -> dict[str, float]:
    return merge_thresholds(settings.thresholds if settings is not None else None)


def numbers_from_settings(settings: Settings | None) -> HelpNumbers:
    """The out-of-hours and emergency numbers settings name (defaults when empty)."""
    if settings is None:
        return DEFAULT_NUMBERS
    return help_numbers(
        getattr(settings, "out_of_hours_number", ""), getattr(settings, "emergency_number", "")
    )


def lookback_nights(thresholds: Mapping[str, float]) -> int:
    """How many nights before the window's end the count rules look.

    Warning signs are not limited (they stay until a visit is recorded), and a recorded
    visit needs the nights from this many before it; ``crampcoach.advice_text`` reads
    those separately. tests/test_advice_window.py checks the two agree.
    """
    t = merge_thresholds(thresholds)
    spans = (
        t["recent_nights"],
        t["woke_window_nights"],
        2 * t["worse_window_nights"],
        t["frequent_short_window"],
        t["frequent_long_window"],
    )
    return int(max(spans))


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Reason:
    """One rule that fired: why, in plain words with its numbers, and whom to see."""

    rule_id: str
    level: str
    text: str
    whom: tuple[str, ...]
    numbers: Mapping[str, Any] = field(default_factory=dict, compare=False)
    when: str = ROUTINE
    summary: str = ""  # a few words for a banner
    keys: tuple[Any, ...] = ()  # what a recorded visit compares: same keys, nothing new


@dataclass(frozen=True)
class Advice:
    level: str
    reasons: tuple[Reason, ...]
    whom: tuple[str, ...]
    note_own_threshold: bool
    notes: tuple[str, ...] = ()
    help: tuple[str, ...] = ()  # out-of-hours and emergency lines, for every level
    quieted: tuple[Reason, ...] = ()  # routine reasons a recorded visit has seen
    visit: DoctorVisit | None = None

    @property
    def when(self) -> str:
        if not self.reasons:
            return NONE
        return max((r.when for r in self.reasons), key=WHEN_ORDER.index)

    @property
    def headline(self) -> str:
        return HEADLINES[self.when]

    @property
    def heading(self) -> str:
        return HEADINGS[self.when]

    @property
    def urgent(self) -> bool:
        return self.level == URGENT


@dataclass(frozen=True)
class Rule:
    """A doctor rule as data."""

    rule_id: str
    level: str
    title: str
    whom: tuple[str, ...]
    thresholds: tuple[str, ...]
    source: str
    when: str
    own_threshold: bool = False


RULES: tuple[Rule, ...] = (
    Rule("long-episode", URGENT, "A cramp lasting longer than 10 minutes", (GP,),
         ("long_episode_min", "recent_nights"), "NHS", TODAY),
    Rule("swelling-with-redness", URGENT, "Swelling with redness or warmth of the same leg",
         (GP,), ("recent_nights",), "NICE CKS, NHS DVT page", TODAY),
    Rule("redness-or-warmth", SEE_DOCTOR, "Redness or warmth", (GP,), (),
         "NHS (cellulitis)", SOON),
    Rule("numbness-or-swelling", SEE_DOCTOR, "Numbness or swelling", (GP,), (), "NHS", ROUTINE),
    Rule("weakness", SEE_DOCTOR, "Leg muscles getting weaker or smaller", (GP, NEUROLOGIST), (),
         "NHS inform", ROUTINE),
    Rule("woke-most-nights", SEE_DOCTOR, "Cramps disturb your sleep", (GP,),
         ("woke_nights", "woke_window_nights"), "NHS", ROUTINE),
    Rule("getting-worse", SEE_DOCTOR, "Cramps getting worse", (GP,),
         ("worse_ratio", "worse_min_nights", "worse_window_nights"), "NHS inform", ROUTINE),
    Rule("frequent", SEE_DOCTOR, "Frequent cramps", (GP,),
         ("frequent_short_nights", "frequent_short_window", "frequent_long_nights",
          "frequent_long_window"), "the app's own threshold", ROUTINE, own_threshold=True),
    Rule("context-pregnancy", MENTION, "Pregnancy", (GP, MIDWIFE), ("frequent_long_window",),
         "all sources", NEXT_VISIT),
    Rule("context-conditions", MENTION, "Health conditions linked to cramps", (GP,),
         ("frequent_long_window",), "all sources", NEXT_VISIT),
    Rule("context-medicines", MENTION, "Medicines linked to cramps", (GP,),
         ("frequent_long_window",), "NHS, seeds", NEXT_VISIT),
)  # fmt: skip
RULES_BY_ID: dict[str, Rule] = {r.rule_id: r for r in RULES}
URGENT_RULES: tuple[str, ...] = tuple(r.rule_id for r in RULES if r.level == URGENT)
SIGN_RULES: tuple[str, ...] = ("redness-or-warmth", "numbness-or-swelling", "weakness")
COUNT_RULES: tuple[str, ...] = ("woke-most-nights", "getting-worse", "frequent")
CONTEXT_RULES: tuple[str, ...] = ("context-pregnancy", "context-conditions", "context-medicines")

# Conditions that suggest a review, and whom they add (never in an urgent reason).
CONTEXT_CONDITIONS: dict[str, tuple[str, ...]] = {
    "diabetes": (ENDOCRINOLOGIST,),
    "thyroid": (ENDOCRINOLOGIST,),
    "kidney-disease": (),
    "varicose-veins": (PHLEBOLOGIST,),
}
_CONDITION_WORDS = {"thyroid": "a thyroid condition", "diabetes": "diabetes"}
ANOTHER_MEDICINE = "another medicine"


# ---------------------------------------------------------------- evaluation context


@dataclass(frozen=True)
class _Context:
    single: bool
    recent: tuple[LoggedEpisode, ...]  # the urgent window (or the one episode just logged)
    signs: tuple[LoggedEpisode, ...]  # episodes whose warning signs count (after a visit)
    index: NightIndex | None = None
    end: date | None = None  # the last night the count windows include
    tracked_from: date | None = None
    profile: Profile | None = None
    numbers: HelpNumbers = DEFAULT_NUMBERS


def _reason(
    rule: Rule,
    text: str,
    summary: str,
    *,
    whom: Iterable[str] = (),
    keys: tuple[Any, ...] | None = None,
    **numbers: Any,
) -> Reason:
    extra = tuple(w for w in whom if w not in rule.whom)
    return Reason(
        rule.rule_id,
        rule.level,
        text,
        rule.whom + extra,
        numbers,
        rule.when,
        summary,
        keys if keys is not None else (rule.rule_id,),
    )


def _n(value: float) -> str:
    return format_number(float(value))


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def _join(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _night(night: date) -> str:
    return f"the night of {format_night(night)}"


def _urgent_tail(ctx: _Context) -> str:
    return " ".join(help_lines(ctx.numbers))


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


# ---------------------------------------------------------------- counts over windows


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


def trend_spans(end: date, window_nights: int) -> tuple[date, date, date]:
    """The first night of the earlier span, the last of it and the first of the recent one."""
    first, _ = window(end, window_nights)
    before_last = first - timedelta(days=1)
    before_first, _ = window(before_last, window_nights)
    return before_first, before_last, first


def trend_known(end: date | None, tracked_from: date | None, window_nights: int) -> bool:
    """Whether the journal tracked every night of the earlier span a trend compares against."""
    if end is None or tracked_from is None:
        return False
    before_first, _, _ = trend_spans(end, window_nights)
    return tracked_from <= before_first


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


# ---------------------------------------------------------------- profile context


@dataclass(frozen=True)
class _ContextPart:
    rule_id: str
    alone: str  # the whole reason when it stands alone (level "mention")
    joined: str  # the sentence added to the "frequent" reason
    summary: str
    whom: tuple[str, ...]
    key: tuple[Any, ...]


def medicine_words(profile: Profile) -> list[str]:
    """The profile's medicines in words; "other" and free text count as another medicine."""
    words = [vocab.label(m) for m in profile.medicines if m != "other"]
    if "other" in profile.medicines or profile.medicines_other.strip():
        words.append(ANOTHER_MEDICINE)
    return words


def _context_parts(profile: Profile | None, nights: int, span: int) -> list[_ContextPart]:
    if profile is None or not nights:
        return []
    had = f"had cramps on {nights} of the last {span} nights"
    parts: list[_ContextPart] = []
    if profile.pregnant:
        parts.append(
            _ContextPart(
                "context-pregnancy",
                f"You are pregnant and {had}. Cramps are common in pregnancy; mention them "
                "to your midwife or GP at your next visit or check-up.",
                "You are pregnant: mention the cramps to your midwife or GP too.",
                "pregnancy",
                (MIDWIFE,),
                ("context-pregnancy",),
            )
        )
    found = [c for c in profile.conditions if c in CONTEXT_CONDITIONS]
    if found:
        words = _join([_CONDITION_WORDS.get(c, vocab.label(c)) for c in found])
        it = "They" if len(found) > 1 else "It"
        parts.append(
            _ContextPart(
                "context-conditions",
                f"You noted {words} in your profile and {had}. {it} can be linked to cramps; "
                "at your next visit, mention the cramps and ask for a health review.",
                f"You also noted {words}, which can be linked to cramps: ask for a health "
                "review at the same visit.",
                words,
                tuple(w for c in found for w in CONTEXT_CONDITIONS[c]),
                ("context-conditions", *found),
            )
        )
    medicines = medicine_words(profile)
    if medicines:
        words = _join(medicines)
        keep = "Keep taking your medicines as prescribed unless your doctor advises otherwise."
        parts.append(
            _ContextPart(
                "context-medicines",
                f"You take {words} and {had}. Some medicines can cause cramps; at your next "
                f"visit, ask your doctor for a medication review. {keep}",
                f"You also take {words}: some medicines can cause cramps, so ask for a "
                f"medication review at the same visit. {keep}",
                words,
                (),
                ("context-medicines", *profile.medicines, profile.medicines_other.strip()),
            )
        )
    return parts


def _context(ctx: _Context, t: Mapping[str, float]) -> list[_ContextPart]:
    if ctx.index is None or ctx.end is None:
        return []
    span = int(t["frequent_long_window"])
    nights = ctx.index.cramp_nights(*window(ctx.end, span))
    return _context_parts(ctx.profile, nights, span)


def _with_context(reasons: list[Reason], parts: list[_ContextPart]) -> list[Reason]:
    """Profile context joins the "frequent" reason; alone it is its own gentle "mention"."""
    if not parts:
        return reasons
    frequent = next((r for r in reasons if r.rule_id == "frequent"), None)
    if frequent is not None:
        joined = replace(
            frequent,
            text=frequent.text + " " + " ".join(p.joined for p in parts),
            whom=frequent.whom + tuple(w for p in parts for w in p.whom if w not in frequent.whom),
            keys=frequent.keys + tuple(p.key for p in parts),
            numbers={**frequent.numbers, "context": tuple(p.rule_id for p in parts)},
        )
        return [joined if r is frequent else r for r in reasons]
    extra = [
        _reason(RULES_BY_ID[p.rule_id], p.alone, p.summary, whom=p.whom, keys=(p.key,))
        for p in parts
    ]
    return reasons + extra


_Evaluator = Callable[[Rule, _Context, Mapping[str, float]], list[Reason]]
EVALUATORS: dict[str, _Evaluator] = {
    "long-episode": _long_episode,
    "swelling-with-redness": _swelling_with_redness,
    "redness-or-warmth": _redness,
    "numbness-or-swelling": _numbness_or_swelling,
    "weakness": _weakness,
    "woke-most-nights": _woke_most_nights,
    "getting-worse": _getting_worse,
    "frequent": _frequent,
}
# The rules that look at a single, just-logged episode.
EPISODE_RULES: tuple[str, ...] = (
    "long-episode",
    "swelling-with-redness",
    "redness-or-warmth",
    "numbness-or-swelling",
    "weakness",
)


def _evaluate(rule_ids: Iterable[str], ctx: _Context, t: Mapping[str, float]) -> list[Reason]:
    reasons: list[Reason] = []
    for rule_id in rule_ids:
        reasons.extend(EVALUATORS[rule_id](RULES_BY_ID[rule_id], ctx, t))
    return reasons


def _combine(
    reasons: Sequence[Reason],
    ctx: _Context,
    notes: Sequence[str] = (),
    quieted: Sequence[Reason] = (),
    visit: DoctorVisit | None = None,
) -> Advice:
    helps = help_lines(ctx.numbers)
    if not reasons:
        return Advice(NONE, (), (), False, tuple(notes), helps, tuple(quieted), visit)
    level = max((r.level for r in reasons), key=LEVELS.index)
    if level == URGENT:
        # Urgent means the GP (or out-of-hours) today; never a wait for a specialist.
        whom: tuple[str, ...] = (GP,)
    else:
        seen = {w for r in reasons for w in r.whom}
        whom = tuple(w for w in WHOM_ORDER if w in seen)
    ordered = sorted(reasons, key=lambda r: -LEVELS.index(r.level))  # stable: rule order kept
    own = any(RULES_BY_ID[r.rule_id].own_threshold for r in reasons)
    return Advice(level, tuple(ordered), whom, own, tuple(notes), helps, tuple(quieted), visit)


# ---------------------------------------------------------------- the journal as a whole


def window_end(index: NightIndex, now: datetime) -> date:
    """The last night the count windows include: the last night slept, or tonight once logged.

    From midnight the night has been slept; before midnight tonight counts only if an
    episode is already logged in it, so an unslept night is never a cramp-free one.
    """
    ref = reference_night(now, index.boundary_hour)
    settled = settled_night(now, index.boundary_hour)
    return ref if index.has_cramp(ref) else settled


def _count_keys(ctx: _Context, t: Mapping[str, float]) -> set[Any]:
    reasons = _with_context(_evaluate(COUNT_RULES, ctx, t), _context(ctx, t))
    return {k for r in reasons for k in r.keys}


def _visit_quiets(
    visit: DoctorVisit, ctx: _Context, t: Mapping[str, float], routine_now: Sequence[Reason]
) -> bool:
    """Whether the visit still quiets ``routine_now``: nothing new has fired since it.

    New means a warning sign noted since the visit (``ctx.signs`` holds only those), a
    count or context reason that was not present at the visit, or one that stopped and
    started again since.
    """
    if ctx.end is None:
        return False
    now_keys = {k for r in routine_now for k in r.keys}
    if any(r.rule_id in SIGN_RULES for r in routine_now):
        return False
    # The visit's own day: its windows end with the night before it.
    night = visit.seen_on - timedelta(days=1)
    then = replace(ctx, end=night, profile=visit.profile or ctx.profile)
    present = _count_keys(then, t)
    while night < ctx.end:
        night += timedelta(days=1)
        keys = _count_keys(replace(ctx, end=night), t)
        if keys - present:
            return False
        present &= keys  # a reason that stopped is new if it fires again
    return now_keys <= present


def advise(
    episodes: Iterable[Episode] | NightIndex,
    profile: Profile | None = None,
    *,
    now: datetime,
    boundary_hour: int = DEFAULT_BOUNDARY_HOUR,
    thresholds: Mapping[str, Any] | None = None,
    first_night: date | None = None,
    visits: Iterable[DoctorVisit] = (),
    numbers: HelpNumbers = DEFAULT_NUMBERS,
) -> Advice:
    """Evaluate every rule over the journal as of ``now``.

    ``episodes`` must hold every episode with a warning sign and every episode of the
    count windows (see :func:`lookback_nights`). ``first_night`` is the night of the
    journal's first record of any kind (episode, check-in, routine run): nights before it
    are untracked. ``visits`` are the recorded doctor's visits; ``numbers`` the
    out-of-hours and emergency numbers the urgent wording names.
    """
    index = (
        episodes if isinstance(episodes, NightIndex) else index_episodes(episodes, boundary_hour)
    )
    t = merge_thresholds(thresholds)
    end = window_end(index, now)
    tracked = min((d for d in (first_night, index.first_night) if d is not None), default=None)
    first, _ = window(end, int(t["recent_nights"]))
    # Later nights too: a start typed wrongly into the future still shows its signs.
    recent = tuple(index.between(first, date.max))
    visit = latest_visit(visits, now.date())
    sign_items = tuple(i for i in index.items if i.episode.red_flags)
    if visit is not None:
        sign_items = tuple(i for i in sign_items if i.night >= visit.seen_on)
    ctx = _Context(False, recent, sign_items, index, end, tracked, profile, numbers)

    urgent = _evaluate(URGENT_RULES, ctx, t)
    routine = _evaluate(SIGN_RULES, ctx, t) + _evaluate(COUNT_RULES, ctx, t)
    routine = _with_context(routine, _context(ctx, t))

    notes: list[str] = []
    if not trend_known(end, tracked, int(t["worse_window_nights"])):
        notes.append(NO_TREND_YET)
    quieted: list[Reason] = []
    if visit is not None:
        # Signs noted before the visit: the doctor has seen them (shown as quiet, not lost).
        before = tuple(i for i in index.items if i.episode.red_flags and i.night < visit.seen_on)
        quieted = _evaluate(SIGN_RULES, replace(ctx, signs=before, recent=()), t)
        if routine and _visit_quiets(visit, ctx, t, routine):
            quieted, routine = quieted + routine, []
    if visit is not None:
        seen = format_night(visit.seen_on, year=True)
        if quieted:
            notes.append(
                f"You recorded a doctor's visit on {seen}: "
                f"{plural(len(quieted), 'reason')} seen then "
                f"{'is' if len(quieted) == 1 else 'are'} quiet until something new comes up."
            )
        else:
            notes.append(f"Last doctor's visit recorded: {seen}.")
    if any(r.rule_id in SIGN_RULES for r in routine):
        notes.append(SIGNS_STAY_NOTE)
    return _combine(urgent + routine, ctx, notes, quieted, visit)


def check_episode(
    episode: Episode,
    *,
    thresholds: Mapping[str, Any] | None = None,
    boundary_hour: int = DEFAULT_BOUNDARY_HOUR,
    numbers: HelpNumbers = DEFAULT_NUMBERS,
) -> Advice:
    """The rules that a single, just-logged episode can fire (long cramp, warning signs)."""
    item = LoggedEpisode(episode, episode_night(episode, boundary_hour), local_start(episode).hour)
    ctx = _Context(True, (item,), (item,), numbers=numbers)
    return _combine(_evaluate(EPISODE_RULES, ctx, merge_thresholds(thresholds)), ctx)


def more_pressing(a: Advice, b: Advice) -> Advice:
    """The advice that asks for help sooner (``a`` when they are level)."""
    rank = (LEVELS.index(a.level), WHEN_ORDER.index(a.when) if a.reasons else -1)
    other = (LEVELS.index(b.level), WHEN_ORDER.index(b.when) if b.reasons else -1)
    return b if other > rank else a
