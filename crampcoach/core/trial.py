"""Personal experiments (N-of-1 trials): the schedule, the record's gate, and the counting.

A trial switches one habit on and off in phases fixed in advance. Phases come in pairs; each
pair's order ("on-off" or "off-on") is drawn once, at the start, from a seed, and stored, so
the schedule never changes afterwards. Nights are the journal's nights (noon to noon, named by
the evening's date), so a 23- or 25-hour DST night is one night like any other.

*Tracked night*: a night of the experiment with an evening check-in, an answer to "did you keep
tonight's arm?", or a logged episode. A night with none of these is *untracked* and left out:
it may have been cramp-free or simply not written down. Routine runs do not make a night tracked,
because only "on" nights have them and that would make "on" look cramp-free more often.

*Done nights*: every night before the *coming night* (see ``coming_night``). The analysis is by
assigned phase (as scheduled, whether or not the night was kept); adherence is shown beside it.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from crampcoach.core.errors import Problem, ValidationError
from crampcoach.core.models import new_id
from crampcoach.core.nights import DEFAULT_BOUNDARY_HOUR, night_of
from crampcoach.core.times import NaiveTimeError, from_iso, to_iso
from crampcoach.core.trial_stats import METHOD, Verdict, decide

ON, OFF = "on", "off"
ARMS = (ON, OFF)
ORDERS = ("on-off", "off-on")
RUNNING, FINISHED, STOPPED = "running", "finished", "stopped"
STATES = (RUNNING, FINISHED, STOPPED)

PHASES_DEFAULT, NIGHTS_DEFAULT = 4, 14
PHASES_MIN, PHASES_MAX = 2, 12
NIGHTS_MIN, NIGHTS_MAX = 7, 60
SEED_MAX = 2**63 - 1
# Before this hour the night in progress has not been slept yet (someone up at 01:00 or woken
# by a cramp at 04:00 is still in "tonight"); from it on, that night is done.
EARLY_MORNING_HOUR = 5
HABIT_ID_MAX = 64


class TrialError(ValueError):
    """A trial cannot start or stop as asked; the message says why, in plain words."""


# ---------------------------------------------------------------- nights


def coming_night(now: datetime, boundary_hour: int = DEFAULT_BOUNDARY_HOUR) -> date:
    """The next night not yet slept: tonight in the afternoon, evening and small hours; in the
    morning (from 05:00 to the boundary) the coming evening's, since last night is over."""
    night = night_of(now, None, boundary_hour)
    if now.date() > night and now.hour >= EARLY_MORNING_HOUR:
        return night + timedelta(days=1)
    return night


# ---------------------------------------------------------------- the schedule


def draw_orders(seed: int, pairs: int) -> tuple[str, ...]:
    """Each pair's order from ``seed``. Only ``Random.random()`` is used: Python keeps its
    sequence for an integer seed across versions. The orders are stored anyway."""
    rng = random.Random(seed)
    return tuple(ORDERS[0] if rng.random() < 0.5 else ORDERS[1] for _ in range(pairs))


@dataclass(frozen=True)
class Phase:
    number: int  # 1-based
    first_night: date
    last_night: date
    arm: str

    @property
    def nights(self) -> int:
        return (self.last_night - self.first_night).days + 1


@dataclass(frozen=True)
class Trial:
    habit: str
    first_night: date
    nights_per_phase: int
    orders: tuple[str, ...]
    seed: int
    started_at: datetime
    tz: str | None = None
    stopped_at: datetime | None = None
    kept: Mapping[date, bool] = field(default_factory=dict)
    id: str = field(default_factory=new_id)

    @property
    def phase_count(self) -> int:
        return 2 * len(self.orders)

    @property
    def phases(self) -> tuple[Phase, ...]:
        out = []
        for i, order in enumerate(self.orders):
            for j, arm in enumerate(order.split("-")):
                k = 2 * i + j
                first = self.first_night + timedelta(days=k * self.nights_per_phase)
                last = first + timedelta(days=self.nights_per_phase - 1)
                out.append(Phase(k + 1, first, last, arm))
        return tuple(out)

    @property
    def last_night(self) -> date:
        return self.first_night + timedelta(days=self.phase_count * self.nights_per_phase - 1)

    @property
    def total_nights(self) -> int:
        return self.phase_count * self.nights_per_phase

    def phase_of(self, night: date) -> Phase | None:
        offset = (night - self.first_night).days
        if not 0 <= offset < self.total_nights:
            return None
        return self.phases[offset // self.nights_per_phase]

    def arm_of(self, night: date) -> str | None:
        phase = self.phase_of(night)
        return None if phase is None else phase.arm

    def done_until(self, now: datetime, boundary_hour: int = DEFAULT_BOUNDARY_HOUR) -> date:
        """The last night that counts: before the coming night, and before the stop."""
        last = coming_night(now, boundary_hour) - timedelta(days=1)
        if self.stopped_at is not None:
            last = min(last, coming_night(self.stopped_at, boundary_hour) - timedelta(days=1))
        return min(last, self.last_night)

    def state(self, now: datetime, boundary_hour: int = DEFAULT_BOUNDARY_HOUR) -> str:
        if self.stopped_at is not None:
            return STOPPED
        if coming_night(now, boundary_hour) > self.last_night:
            return FINISHED
        return RUNNING

    def phases_done(self, now: datetime, boundary_hour: int = DEFAULT_BOUNDARY_HOUR) -> int:
        until = self.done_until(now, boundary_hour)
        return sum(1 for p in self.phases if p.last_night <= until)

    def with_kept(self, night: date, kept: bool | None) -> Trial:
        answers = dict(self.kept)
        if kept is None:
            answers.pop(night, None)
        else:
            answers[night] = kept
        return replace(self, kept=answers)


def new_trial(
    habit: str,
    now: datetime,
    seed: int,
    *,
    nights_per_phase: int = NIGHTS_DEFAULT,
    phases: int = PHASES_DEFAULT,
    tz: str | None = None,
    boundary_hour: int = DEFAULT_BOUNDARY_HOUR,
) -> Trial:
    """A trial starting on the night of ``now``; raises TrialError on a bad design."""
    check_design(phases, nights_per_phase, seed)
    return Trial(
        habit=habit,
        first_night=coming_night(now, boundary_hour),
        nights_per_phase=nights_per_phase,
        orders=draw_orders(seed, phases // 2),
        seed=seed,
        started_at=now,
        tz=tz,
    )


def check_design(phases: int, nights_per_phase: int, seed: int = 0) -> None:
    if not PHASES_MIN <= phases <= PHASES_MAX or phases % 2:
        raise TrialError(
            f"--phases {phases}: use an even number from {PHASES_MIN} to {PHASES_MAX} "
            "(phases come in on/off pairs)"
        )
    if not NIGHTS_MIN <= nights_per_phase <= NIGHTS_MAX:
        raise TrialError(
            f"--nights-per-phase {nights_per_phase}: use {NIGHTS_MIN} to {NIGHTS_MAX} nights "
            "(fewer than a week cannot show a change)"
        )
    if not 0 <= seed <= SEED_MAX:
        raise TrialError(f"--seed {seed}: use a whole number from 0 to {SEED_MAX}")


def active_trial(
    trials: Collection[Trial], now: datetime, boundary_hour: int = DEFAULT_BOUNDARY_HOUR
) -> Trial | None:
    """The running trial, if any (there is at most one)."""
    running = [t for t in trials if t.state(now, boundary_hour) == RUNNING]
    return max(running, key=lambda t: t.started_at.timestamp()) if running else None


def trial_for_night(
    trials: Collection[Trial], night: date, boundary_hour: int = DEFAULT_BOUNDARY_HOUR
) -> Trial | None:
    """The experiment that schedules ``night`` and was not stopped before it, if any."""
    far = datetime.combine(night + timedelta(days=3660), datetime.min.time())
    for trial in sorted(trials, key=lambda t: t.started_at.timestamp(), reverse=True):
        if trial.arm_of(night) is None:
            continue
        stop_until = trial.last_night
        if trial.stopped_at is not None:
            zone = trial.stopped_at.tzinfo
            stop_until = trial.done_until(far.replace(tzinfo=zone), boundary_hour)
        if night <= stop_until:
            return trial
    return None


def latest_trial(trials: Collection[Trial]) -> Trial | None:
    return max(trials, key=lambda t: t.started_at.timestamp()) if trials else None


# ---------------------------------------------------------------- the gate


def _int_field(raw: Mapping[str, Any], key: str, problems: list[Problem]) -> int | None:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        problems.append(Problem(key, "must be a whole number"))
        return None
    return value


def _instant_field(
    raw: Mapping[str, Any], key: str, problems: list[Problem], required: bool
) -> datetime | None:
    value = raw.get(key)
    if value is None:
        if required:
            problems.append(Problem(key, "is required"))
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            problems.append(Problem(key, "has no UTC offset"))
            return None
        return value
    try:
        return from_iso(str(value))
    except NaiveTimeError:
        problems.append(Problem(key, f"'{value}' has no UTC offset"))
    except ValueError:
        problems.append(Problem(key, f"'{value}' is not a date and time"))
    return None


def trial_from_dict(raw: Mapping[str, Any]) -> Trial:
    """The one gate for a trial record (from the journal or built by a command)."""
    problems: list[Problem] = []
    habit = _habit_field(raw.get("habit"), problems)
    first = _first_night_field(raw.get("first_night"), problems)
    nights = _ranged_int_field(raw, "nights_per_phase", NIGHTS_MIN, NIGHTS_MAX, problems)
    orders = _orders_field(raw.get("orders"), problems)
    seed = _ranged_int_field(raw, "seed", 0, SEED_MAX, problems)
    started = _instant_field(raw, "started_at", problems, True)
    stopped = _instant_field(raw, "stopped_at", problems, False)
    tz = raw.get("tz")
    if tz is not None and not isinstance(tz, str):
        problems.append(Problem("tz", "must be a zone name like Europe/Berlin"))
    kept = _kept_field(raw.get("kept") or {}, problems)
    ident = raw.get("id")
    if ident is not None and not isinstance(ident, str):
        problems.append(Problem("id", "must be text"))
    if problems or first is None or nights is None or seed is None or started is None:
        raise ValidationError(problems)
    kwargs: dict[str, Any] = {"id": ident} if ident else {}
    return Trial(
        habit=habit,
        first_night=first,
        nights_per_phase=nights,
        orders=orders,
        seed=seed,
        started_at=started,
        tz=tz,
        stopped_at=stopped,
        kept=kept,
        **kwargs,
    )


def _habit_field(value: Any, problems: list[Problem]) -> str:
    """The habit's id ("" with a problem when it is not one)."""
    if not isinstance(value, str) or not value or len(value) > HABIT_ID_MAX:
        problems.append(Problem("habit", "must be a habit id like bedtime-stretch"))
        return ""
    return value


def _first_night_field(value: Any, problems: list[Problem]) -> date | None:
    """The first night of the trial: an ISO date in a plausible year."""
    try:
        first = date.fromisoformat(str(value))
        if not 1900 <= first.year <= 2999:
            raise ValueError
    except ValueError:
        problems.append(Problem("first_night", "must be a date like 2026-11-21"))
        return None
    return first


def _ranged_int_field(
    raw: Mapping[str, Any], key: str, low: int, high: int, problems: list[Problem]
) -> int | None:
    """A whole number from ``low`` to ``high``; the number is returned even when out of range
    (the problem list already refuses the record)."""
    value = _int_field(raw, key, problems)
    if value is not None and not low <= value <= high:
        problems.append(Problem(key, f"must be {low} to {high}"))
    return value


def _orders_field(value: Any, problems: list[Problem]) -> tuple[str, ...]:
    """The on/off order of each pair of phases."""
    if (
        not isinstance(value, list | tuple)
        or not PHASES_MIN // 2 <= len(value) <= PHASES_MAX // 2
        or any(o not in ORDERS for o in value)
    ):
        problems.append(
            Problem("orders", f"must list 1 to {PHASES_MAX // 2} of {', '.join(ORDERS)}")
        )
        return ()
    return tuple(value)


def _kept_field(value: Any, problems: list[Problem]) -> dict[date, bool]:
    """Which nights the habit was kept: night -> yes/no, each entry checked on its own."""
    if not isinstance(value, Mapping):
        problems.append(Problem("kept", "must map nights to yes/no"))
        return {}
    kept: dict[date, bool] = {}
    for key, flag in value.items():
        try:
            night = key if isinstance(key, date) else date.fromisoformat(str(key))
        except ValueError:
            problems.append(Problem("kept", f"'{key}' is not a night like 2026-11-21"))
            continue
        if not isinstance(flag, bool):
            problems.append(Problem("kept", f"{key}: must be true or false"))
            continue
        kept[night] = flag
    return kept


def trial_to_dict(trial: Trial) -> dict[str, Any]:
    return {
        "id": trial.id,
        "habit": trial.habit,
        "first_night": trial.first_night.isoformat(),
        "nights_per_phase": trial.nights_per_phase,
        "orders": list(trial.orders),
        "seed": trial.seed,
        "started_at": to_iso(trial.started_at),
        "tz": trial.tz,
        "stopped_at": None if trial.stopped_at is None else to_iso(trial.stopped_at),
        "kept": {n.isoformat(): v for n, v in sorted(trial.kept.items())},
    }


# ---------------------------------------------------------------- counting


@dataclass(frozen=True)
class ArmCount:
    """One arm's nights so far: scheduled (done), tracked, cramp nights, and adherence."""

    arm: str
    scheduled: int
    nights: int  # tracked nights, the denominator
    cramp_nights: int
    kept: int
    not_kept: int

    @property
    def untracked(self) -> int:
        return self.scheduled - self.nights

    @property
    def unknown(self) -> int:
        return self.scheduled - self.kept - self.not_kept

    @property
    def rate(self) -> float | None:
        return None if self.nights == 0 else self.cramp_nights / self.nights


@dataclass(frozen=True)
class TrialResult:
    trial: Trial
    state: str
    done_until: date
    phases_done: int
    on: ArmCount
    off: ArmCount
    decision: Verdict
    method: str = METHOD

    @property
    def verdict(self) -> str:
        return self.decision.verdict


def kept_on(
    trial: Trial, night: date, arm: str, run_nights: Collection[date], has_routine: bool
) -> bool | None:
    """Whether a night kept its arm: the user's answer, else (for a routine habit) a run of
    the routine that night; None when nothing says."""
    answer = trial.kept.get(night)
    if answer is not None:
        return answer
    if has_routine and night in run_nights:
        return arm == ON
    return None


def analyse(
    trial: Trial,
    now: datetime,
    *,
    cramp_nights: Collection[date],
    checkin_nights: Collection[date],
    run_nights: Collection[date] = (),
    has_routine: bool = False,
    boundary_hour: int = DEFAULT_BOUNDARY_HOUR,
) -> TrialResult:
    """Count the done nights by assigned arm and decide the verdict."""
    until = trial.done_until(now, boundary_hour)
    tally = {arm: [0, 0, 0, 0, 0] for arm in ARMS}  # scheduled, tracked, cramp, kept, not kept
    night = trial.first_night
    while night <= until:
        arm = trial.arm_of(night)
        assert arm is not None
        t = tally[arm]
        t[0] += 1
        cramp = night in cramp_nights
        if cramp or night in checkin_nights or night in trial.kept:
            t[1] += 1
            t[2] += cramp
        kept = kept_on(trial, night, arm, run_nights, has_routine)
        if kept is True:
            t[3] += 1
        elif kept is False:
            t[4] += 1
        night += timedelta(days=1)
    on, off = (ArmCount(arm, *tally[arm]) for arm in ARMS)
    done = trial.phases_done(now, boundary_hour)
    decision = decide(on.cramp_nights, on.nights, off.cramp_nights, off.nights, done)
    return TrialResult(trial, trial.state(now, boundary_hour), until, done, on, off, decision)
