"""When to see a doctor: the rules of DESIGN.md "Doctor advice", as data.

Each rule is a :class:`Rule` (id, level, whom, the thresholds it reads, where it comes
from, and the words it says); a small evaluator per rule fills in the numbers. The
thresholds are named numbers (:data:`DEFAULT_THRESHOLDS`) that ``Settings.thresholds``
may override. Nothing here reads the clock; the wording never diagnoses and never
tells anyone to stop a medicine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from crampcoach.core import vocab
from crampcoach.core.models import Episode, Profile, Settings
from crampcoach.core.nights import DEFAULT_BOUNDARY_HOUR, episode_night
from crampcoach.core.patterns import (
    LoggedEpisode,
    NightIndex,
    format_duration,
    format_night,
    format_number,
    index_episodes,
    local_start,
    reference_night,
    window,
)

NONE, SEE_DOCTOR, URGENT = "none", "see-doctor", "urgent"
LEVELS: tuple[str, ...] = (NONE, SEE_DOCTOR, URGENT)

GP = "GP (family doctor)"
MIDWIFE = "midwife"
PHLEBOLOGIST = "phlebologist (vein specialist)"
ENDOCRINOLOGIST = "endocrinologist (hormone specialist)"
NEUROLOGIST = "neurologist (nerve specialist)"
WHOM_ORDER: tuple[str, ...] = (GP, MIDWIFE, PHLEBOLOGIST, ENDOCRINOLOGIST, NEUROLOGIST)

HEADLINES: dict[str, str] = {
    URGENT: "Get medical advice today: ask your GP for an urgent appointment.",
    SEE_DOCTOR: "Worth a routine visit to your GP.",
    NONE: "Nothing in your log calls for a doctor's visit right now. "
    "If you are worried, see your GP anyway.",
}
OWN_THRESHOLD_NOTE = (
    "The 'frequent' threshold is the app's own: no guideline gives a number for it."
)
DISCLAIMER = (
    "This advice comes from your own log and simple rules based on NHS, NHS inform, "
    "Mayo Clinic and NICE CKS guidance. It is not a diagnosis."
)


# ---------------------------------------------------------------- thresholds


@dataclass(frozen=True)
class ThresholdInfo:
    """What a settings screen needs to show and edit one threshold."""

    key: str
    label: str
    default: float
    unit: str
    integer: bool = True
    minimum: float = 1


THRESHOLDS: tuple[ThresholdInfo, ...] = (
    ThresholdInfo(
        "long_episode_min", "Urgent: a cramp lasting longer than", 10, "minutes", integer=False
    ),
    ThresholdInfo(
        "recent_nights", "Look for long cramps and warning signs in the last", 14, "nights"
    ),
    ThresholdInfo("woke_nights", "See a doctor: cramps woke you on at least", 3, "nights"),
    ThresholdInfo("woke_window_nights", "…out of the last", 7, "nights"),
    ThresholdInfo(
        "worse_ratio",
        "Getting worse: recent cramp nights at least this many times the ones before",
        1.5,
        "times",
        integer=False,
        minimum=1,
    ),
    ThresholdInfo("worse_min_nights", "Getting worse: and at least", 3, "cramp nights"),
    ThresholdInfo("worse_window_nights", "Getting worse: compare two spans of", 14, "nights"),
    ThresholdInfo("frequent_short_nights", "Frequent: cramps on at least", 3, "nights"),
    ThresholdInfo("frequent_short_window", "…out of the last", 7, "nights"),
    ThresholdInfo("frequent_long_nights", "Frequent: or on at least", 6, "nights"),
    ThresholdInfo("frequent_long_window", "…out of the last", 30, "nights"),
)
THRESHOLD_INFO: dict[str, ThresholdInfo] = {t.key: t for t in THRESHOLDS}
DEFAULT_THRESHOLDS: dict[str, float] = {t.key: t.default for t in THRESHOLDS}


def lookback_nights(thresholds: Mapping[str, float]) -> int:
    """How many nights back any rule looks: episodes older than this cannot change the advice.

    Lets a caller hand ``advise`` only the recent part of a long journal (the home screen
    does, to stay quick with years of data). Keep in step with the evaluators below;
    tests/test_advice_window.py checks the two agree.
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


def merge_thresholds(overrides: Mapping[str, Any] | None = None) -> dict[str, float]:
    """The defaults with valid overrides applied; unknown keys and bad values are ignored."""
    merged = dict(DEFAULT_THRESHOLDS)
    for key, value in (overrides or {}).items():
        info = THRESHOLD_INFO.get(key)
        if info is None or isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if value != value or value < info.minimum:
            continue
        merged[key] = float(value)
    return merged


def thresholds_from_settings(settings: Settings | None) -> dict[str, float]:
    return merge_thresholds(settings.thresholds if settings is not None else None)


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Reason:
    """One rule that fired: why, in plain words with its numbers, and whom to see."""

    rule_id: str
    level: str
    text: str
    whom: tuple[str, ...]
    numbers: Mapping[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Advice:
    level: str
    reasons: tuple[Reason, ...]
    whom: tuple[str, ...]
    note_own_threshold: bool

    @property
    def headline(self) -> str:
        return HEADLINES[self.level]

    @property
    def urgent(self) -> bool:
        return self.level == URGENT


@dataclass(frozen=True)
class Rule:
    """A doctor rule as data; ``template`` is filled with the evaluator's numbers."""

    rule_id: str
    level: str
    title: str
    whom: tuple[str, ...]
    thresholds: tuple[str, ...]
    source: str
    template: str
    own_threshold: bool = False


RULES: tuple[Rule, ...] = (
    Rule(
        "long-episode",
        URGENT,
        "A cramp lasting longer than the limit",
        (GP,),
        ("long_episode_min", "recent_nights"),
        "NHS",
        "{what} lasted longer than {limit} minutes ({detail}). The NHS advises asking "
        "for an urgent appointment when a cramp lasts that long.",
    ),
    Rule(
        "swelling-with-redness",
        URGENT,
        "Swelling with redness or warmth",
        (GP, PHLEBOLOGIST),
        ("recent_nights",),
        "NICE CKS",
        "{when} you noted swelling with redness or warmth in the {where}. "
        "A blood clot can look like a cramp; get it checked today.",
    ),
    Rule(
        "woke-most-nights",
        SEE_DOCTOR,
        "Cramps disturb your sleep",
        (GP,),
        ("woke_nights", "woke_window_nights"),
        "NHS",
        "Cramps woke you on {count} of the last {window} nights (the rule: {limit} or more). "
        "The NHS advises seeing a GP when cramps disturb your sleep.",
    ),
    Rule(
        "numbness-or-swelling",
        SEE_DOCTOR,
        "Numbness or swelling",
        (GP,),
        ("recent_nights",),
        "NHS",
        "{when} you noted {signs}. The NHS advises seeing a GP when cramps come with "
        "numbness or swelling in the legs.",
    ),
    Rule(
        "weakness",
        SEE_DOCTOR,
        "Leg muscles getting weaker or smaller",
        (GP, NEUROLOGIST),
        ("recent_nights",),
        "NHS inform",
        "{when} you noted leg muscles getting weaker or smaller{times}. NHS inform advises "
        "seeing a GP when leg muscles shrink or get weaker.",
    ),
    Rule(
        "getting-worse",
        SEE_DOCTOR,
        "Cramps getting worse",
        (GP,),
        ("worse_ratio", "worse_min_nights", "worse_window_nights"),
        "NHS inform",
        "Cramps are getting more frequent: {recent} cramp nights in the last {window} nights "
        "against {previous} in the {window} before (the rule: at least {ratio} times as "
        "many, and at least {minimum}).",
    ),
    Rule(
        "frequent",
        SEE_DOCTOR,
        "Frequent cramps",
        (GP,),
        (
            "frequent_short_nights",
            "frequent_short_window",
            "frequent_long_nights",
            "frequent_long_window",
        ),
        "the app's own threshold",
        "You had cramps on {short} of the last {short_window} nights and on {long} of the "
        "last {long_window}. The app counts {short_limit} in {short_window} or {long_limit} in "
        "{long_window} as frequent; this threshold is the app's own, because no guideline "
        "gives a number. Frequent cramps are worth mentioning to a GP.",
        own_threshold=True,
    ),
    Rule(
        "context-pregnancy",
        SEE_DOCTOR,
        "Pregnancy",
        (GP, MIDWIFE),
        ("frequent_long_window",),
        "all sources",
        "You are pregnant and had cramps on {nights} of the last {window} nights. Cramps are "
        "common in pregnancy; mention them at your next check-up.",
    ),
    Rule(
        "context-conditions",
        SEE_DOCTOR,
        "Health conditions linked to cramps",
        (GP,),
        ("frequent_long_window",),
        "all sources",
        "You noted {conditions} and had cramps on {nights} of the last {window} nights. "
        "{it} can be linked to cramps; a health review with your doctor is worth it.",
    ),
    Rule(
        "context-medicines",
        SEE_DOCTOR,
        "Medicines linked to cramps",
        (GP,),
        ("frequent_long_window",),
        "NHS, seeds",
        "You take {medicines} and had cramps on {nights} of the last {window} nights. Some "
        "medicines can cause cramps; ask your doctor for a medication review. Keep taking "
        "your medicines as prescribed unless your doctor advises otherwise.",
    ),
)
RULES_BY_ID: dict[str, Rule] = {r.rule_id: r for r in RULES}

# Conditions that suggest a review, and whom they add.
CONTEXT_CONDITIONS: dict[str, tuple[str, ...]] = {
    "diabetes": (ENDOCRINOLOGIST,),
    "thyroid": (ENDOCRINOLOGIST,),
    "kidney-disease": (),
    "varicose-veins": (PHLEBOLOGIST,),
}
_CONDITION_WORDS = {"thyroid": "a thyroid condition", "diabetes": "diabetes"}


# ---------------------------------------------------------------- evaluation


@dataclass(frozen=True)
class _Context:
    recent: tuple[LoggedEpisode, ...]  # episodes of the recent window (or the one just logged)
    single: bool
    index: NightIndex | None = None
    reference: date | None = None
    profile: Profile | None = None


def _reason(
    rule: Rule,
    whom: Iterable[str] = (),
    words: Mapping[str, str] | None = None,
    **numbers: Any,
) -> Reason:
    """Fill the rule's template with ``words`` (phrases) and ``numbers`` (kept on the reason)."""
    fields = {k: format_number(v) if isinstance(v, float) else v for k, v in numbers.items()}
    fields.update(words or {})
    extra = tuple(w for w in whom if w not in rule.whom)
    return Reason(
        rule.rule_id, rule.level, rule.template.format(**fields), rule.whom + extra, numbers
    )


def _when(ctx: _Context, nights: int) -> str:
    return "With this cramp" if ctx.single else f"In the last {nights} nights"


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
    longest = format_duration(worst.episode.duration_s)
    window_nights = int(t["recent_nights"])
    if ctx.single:
        what, detail = "This cramp", longest
    elif len(long) == 1:
        what, detail = "A cramp", f"{longest}, night of {format_night(worst.night)}"
    else:
        what = f"{len(long)} cramps in the last {window_nights} nights"
        detail = f"the longest {longest}, night of {format_night(worst.night)}"
    return [
        _reason(
            rule,
            words={"what": what, "detail": detail},
            limit=float(limit),
            count=len(long),
            longest_s=worst.episode.duration_s,
            night=worst.night.isoformat(),
        )
    ]


def _where(episode: Episode) -> str:
    if "calf" in episode.locations:
        return "calf"
    named = [vocab.label(loc) for loc in episode.locations if loc != "other"]
    return named[0] if len(named) == 1 else "leg"


def _swelling_with_redness(rule: Rule, ctx: _Context, t: Mapping[str, float]) -> list[Reason]:
    hits = [
        i
        for i in ctx.recent
        if "swelling" in i.episode.red_flags and "redness-or-warmth" in i.episode.red_flags
    ]
    if not hits:
        return []
    latest = hits[-1]
    when = "With this cramp" if ctx.single else f"On the night of {format_night(latest.night)}"
    return [
        _reason(
            rule,
            words={"when": when, "where": _where(latest.episode)},
            count=len(hits),
            night=latest.night.isoformat(),
        )
    ]


def _woke_most_nights(rule: Rule, ctx: _Context, t: Mapping[str, float]) -> list[Reason]:
    if ctx.index is None or ctx.reference is None:
        return []
    nights = int(t["woke_window_nights"])
    first, last = window(ctx.reference, nights)
    count = ctx.index.woke_nights(first, last)
    if count < t["woke_nights"]:
        return []
    return [_reason(rule, count=count, window=nights, limit=float(t["woke_nights"]))]


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def _numbness_or_swelling(rule: Rule, ctx: _Context, t: Mapping[str, float]) -> list[Reason]:
    numb = sum(1 for i in ctx.recent if "numbness" in i.episode.red_flags)
    swell = sum(1 for i in ctx.recent if "swelling" in i.episode.red_flags)
    if not numb and not swell:
        return []
    parts, whom = [], []
    if numb:
        parts.append("numbness" if ctx.single else f"numbness {_times(numb)}")
        whom.append(NEUROLOGIST)
    if swell:
        parts.append("swelling" if ctx.single else f"swelling {_times(swell)}")
        whom.append(PHLEBOLOGIST)
    signs = " and ".join(parts)
    return [
        _reason(
            rule,
            whom,
            words={"when": _when(ctx, int(t["recent_nights"])), "signs": signs},
            numbness=numb,
            swelling=swell,
        )
    ]


def _weakness(rule: Rule, ctx: _Context, t: Mapping[str, float]) -> list[Reason]:
    n = sum(1 for i in ctx.recent if "weakness" in i.episode.red_flags)
    if not n:
        return []
    times = "" if ctx.single else f" ({_times(n)})"
    words = {"when": _when(ctx, int(t["recent_nights"])), "times": times}
    return [_reason(rule, words=words, count=n)]


def _getting_worse(rule: Rule, ctx: _Context, t: Mapping[str, float]) -> list[Reason]:
    if ctx.index is None or ctx.reference is None:
        return []
    nights = int(t["worse_window_nights"])
    first, last = window(ctx.reference, nights)
    before_last = first - timedelta(days=1)
    before_first, _ = window(before_last, nights)
    recent = ctx.index.cramp_nights(first, last)
    previous = ctx.index.cramp_nights(before_first, before_last)
    if recent < t["worse_min_nights"] or recent < t["worse_ratio"] * previous:
        return []
    return [
        _reason(
            rule,
            recent=recent,
            previous=previous,
            window=nights,
            ratio=float(t["worse_ratio"]),
            minimum=float(t["worse_min_nights"]),
        )
    ]


def _frequent(rule: Rule, ctx: _Context, t: Mapping[str, float]) -> list[Reason]:
    if ctx.index is None or ctx.reference is None:
        return []
    sw, lw = int(t["frequent_short_window"]), int(t["frequent_long_window"])
    short = ctx.index.cramp_nights(*window(ctx.reference, sw))
    long = ctx.index.cramp_nights(*window(ctx.reference, lw))
    if short < t["frequent_short_nights"] and long < t["frequent_long_nights"]:
        return []
    return [
        _reason(
            rule,
            short=short,
            long=long,
            short_window=sw,
            long_window=lw,
            short_limit=float(t["frequent_short_nights"]),
            long_limit=float(t["frequent_long_nights"]),
        )
    ]


def _recent_cramp_nights(ctx: _Context, t: Mapping[str, float]) -> tuple[int, int]:
    nights = int(t["frequent_long_window"])
    if ctx.index is None or ctx.reference is None:
        return 0, nights
    return ctx.index.cramp_nights(*window(ctx.reference, nights)), nights


def _context_pregnancy(rule: Rule, ctx: _Context, t: Mapping[str, float]) -> list[Reason]:
    if ctx.profile is None or not ctx.profile.pregnant:
        return []
    nights, span = _recent_cramp_nights(ctx, t)
    if not nights:
        return []
    return [_reason(rule, nights=nights, window=span)]


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _context_conditions(rule: Rule, ctx: _Context, t: Mapping[str, float]) -> list[Reason]:
    if ctx.profile is None:
        return []
    found = [c for c in ctx.profile.conditions if c in CONTEXT_CONDITIONS]
    if not found:
        return []
    nights, span = _recent_cramp_nights(ctx, t)
    if not nights:
        return []
    whom = [w for c in found for w in CONTEXT_CONDITIONS[c]]
    words = [_CONDITION_WORDS.get(c, vocab.label(c)) for c in found]
    return [
        _reason(
            rule,
            whom,
            words={"conditions": _join(words), "it": "They" if len(found) > 1 else "It"},
            nights=nights,
            window=span,
            found=tuple(found),
        )
    ]


def _context_medicines(rule: Rule, ctx: _Context, t: Mapping[str, float]) -> list[Reason]:
    if ctx.profile is None or not ctx.profile.medicines:
        return []
    nights, span = _recent_cramp_nights(ctx, t)
    if not nights:
        return []
    words = ["other medicines" if m == "other" else vocab.label(m) for m in ctx.profile.medicines]
    return [
        _reason(
            rule,
            words={"medicines": _join(words)},
            nights=nights,
            window=span,
            found=tuple(ctx.profile.medicines),
        )
    ]


_Evaluator = Callable[[Rule, _Context, Mapping[str, float]], list[Reason]]
EVALUATORS: dict[str, _Evaluator] = {
    "long-episode": _long_episode,
    "swelling-with-redness": _swelling_with_redness,
    "woke-most-nights": _woke_most_nights,
    "numbness-or-swelling": _numbness_or_swelling,
    "weakness": _weakness,
    "getting-worse": _getting_worse,
    "frequent": _frequent,
    "context-pregnancy": _context_pregnancy,
    "context-conditions": _context_conditions,
    "context-medicines": _context_medicines,
}
# The rules that look at a single episode (run straight after it is logged).
EPISODE_RULES: tuple[str, ...] = (
    "long-episode",
    "swelling-with-redness",
    "numbness-or-swelling",
    "weakness",
)


def _combine(reasons: list[Reason]) -> Advice:
    if not reasons:
        return Advice(NONE, (), (), False)
    level = max((r.level for r in reasons), key=LEVELS.index)
    seen = {w for r in reasons for w in r.whom}
    whom = tuple(w for w in WHOM_ORDER if w in seen) + tuple(
        sorted(w for w in seen if w not in WHOM_ORDER)
    )
    # Urgent reasons first, then in rule order (the list is already in rule order).
    ordered = sorted(reasons, key=lambda r: -LEVELS.index(r.level))
    own = any(RULES_BY_ID[r.rule_id].own_threshold for r in reasons if r.rule_id in RULES_BY_ID)
    return Advice(level, tuple(ordered), whom, own)


def _run(rule_ids: Iterable[str], ctx: _Context, t: Mapping[str, float]) -> Advice:
    reasons: list[Reason] = []
    for rule_id in rule_ids:
        reasons.extend(EVALUATORS[rule_id](RULES_BY_ID[rule_id], ctx, t))
    return _combine(reasons)


def advise(
    episodes: Iterable[Episode] | NightIndex,
    profile: Profile | None = None,
    *,
    now: datetime,
    boundary_hour: int = DEFAULT_BOUNDARY_HOUR,
    thresholds: Mapping[str, Any] | None = None,
) -> Advice:
    """Evaluate every rule over the journal, up to the night that contains ``now``.

    ``thresholds`` are overrides (``Settings.thresholds``), merged onto the defaults.
    Pass a prebuilt :class:`NightIndex` to share it with the patterns; its own
    boundary hour is then used.
    """
    index = (
        episodes if isinstance(episodes, NightIndex) else index_episodes(episodes, boundary_hour)
    )
    t = merge_thresholds(thresholds)
    ref = reference_night(now, index.boundary_hour)
    first, _ = window(ref, int(t["recent_nights"]))
    # Later nights too: a start typed wrongly into the future still shows its red flags.
    recent = tuple(index.between(first, date.max))
    ctx = _Context(recent, False, index, ref, profile)
    return _run((r.rule_id for r in RULES), ctx, t)


def check_episode(
    episode: Episode,
    *,
    thresholds: Mapping[str, Any] | None = None,
    boundary_hour: int = DEFAULT_BOUNDARY_HOUR,
) -> Advice:
    """The rules that a single, just-logged episode can fire (long cramp, red flags)."""
    item = LoggedEpisode(episode, episode_night(episode, boundary_hour), local_start(episode).hour)
    ctx = _Context((item,), True)
    return _run(EPISODE_RULES, ctx, merge_thresholds(thresholds))
