"""When to see a doctor: the rules of the doctor advice, as data, evaluated over the journal.

Each rule is a :class:`Rule` (id, level, whom, the thresholds it reads, where it comes from);
a small evaluator per rule fills in the words and numbers. Thresholds are bounded where they
are read (``crampcoach.core.doctor_thresholds``). Nothing here reads the clock; the wording
never diagnoses and never tells anyone to stop a medicine.

The pieces live in modules named for what they hold: the rules as data and the result
types (``doctor_rules``), what every evaluator shares (``doctor_common``), the urgent and
warning-sign rules (``doctor_signs``), the count rules (``doctor_counts``) and the
profile's part (``doctor_profile``). This module evaluates them together and re-exports
their public names, so callers import from ``crampcoach.core.doctor`` alone.

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
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from crampcoach.core.doctor_common import _Context
from crampcoach.core.doctor_counts import (
    _frequent,
    _getting_worse,
    _woke_most_nights,
    trend_known,
    trend_spans,
)
from crampcoach.core.doctor_profile import (
    ANOTHER_MEDICINE,
    CONTEXT_CONDITIONS,
    _context,
    _with_context,
    medicine_words,
)
from crampcoach.core.doctor_rules import (
    CONTEXT_RULES,
    COUNT_RULES,
    DISCLAIMER,
    ENDOCRINOLOGIST,
    GP,
    HEADINGS,
    HEADLINES,
    LEVELS,
    MENTION,
    MIDWIFE,
    NEUROLOGIST,
    NEXT_VISIT,
    NONE,
    OWN_THRESHOLD_NOTE,
    PHLEBOLOGIST,
    ROUTINE,
    RULES,
    RULES_BY_ID,
    SEE_DOCTOR,
    SIGN_RULES,
    SIGNS_STAY_NOTE,
    SOON,
    TODAY,
    URGENT,
    URGENT_RULES,
    WHEN_ORDER,
    WHOM_ORDER,
    Advice,
    Reason,
    Rule,
)
from crampcoach.core.doctor_signs import (
    _long_episode,
    _numbness_or_swelling,
    _redness,
    _swelling_with_redness,
    _weakness,
)
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
from crampcoach.core.pattern_common import NO_TREND_YET
from crampcoach.core.patterns import (
    LoggedEpisode,
    NightIndex,
    format_night,
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
    help_lines,
    help_numbers,
)

# Names this module only passes on to its callers (those it also uses need no listing).
__all__ = [
    "ANOTHER_MEDICINE",
    "CONTEXT_CONDITIONS",
    "CONTEXT_RULES",
    "DEFAULT_THRESHOLDS",
    "DISCLAIMER",
    "ENDOCRINOLOGIST",
    "GP",
    "HEADINGS",
    "HEADLINES",
    "MENTION",
    "MIDWIFE",
    "NEUROLOGIST",
    "NEXT_VISIT",
    "NO_TREND_YET",
    "OWN_THRESHOLD_NOTE",
    "PHLEBOLOGIST",
    "ROUTINE",
    "RULES",
    "SEE_DOCTOR",
    "SOON",
    "THRESHOLDS",
    "THRESHOLD_INFO",
    "TODAY",
    "ThresholdInfo",
    "index_episodes",
    "medicine_words",
    "trend_spans",
]


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
