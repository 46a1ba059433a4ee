"""Personal experiments between the journal and core: gather the nights, count, decide.

Used by the command line, the screens, the stats and the doctor report, so all of them count
the same nights the same way.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from crampcoach.core.nights import episode_night, night_bounds, zone_for
from crampcoach.core.trial import Trial, TrialResult, active_trial, analyse, latest_trial
from crampcoach.habits import get_habit
from crampcoach.store import Journal


def current_trial(journal: Journal, now: datetime, boundary_hour: int) -> Trial | None:
    """The running experiment, else the most recent one (finished or stopped)."""
    trials = journal.trials()
    return active_trial(trials, now, boundary_hour) or latest_trial(trials)


def result_for(journal: Journal, trial: Trial, now: datetime, boundary_hour: int) -> TrialResult:
    zone = zone_for(trial.tz) or now.tzinfo
    assert zone is not None
    since, _ = night_bounds(trial.first_night, zone, boundary_hour)
    # A day's slack for episodes logged in another zone; each is placed by its own night.
    episodes = journal.episodes_since(since - timedelta(days=1))
    cramp = {episode_night(e, boundary_hour) for e in episodes}
    checkins = journal.checkin_nights_since(trial.first_night)
    habit = get_habit(trial.habit)
    routine = habit.routine if habit else None
    runs = (
        {episode_night(r, boundary_hour) for r in journal.runs() if r.routine_id == routine}
        if routine
        else set()
    )
    return analyse(
        trial,
        now,
        cramp_nights=cramp,
        checkin_nights=checkins,
        run_nights=runs,
        has_routine=routine is not None,
        boundary_hour=boundary_hour,
    )


def reported_result(journal: Journal, now: datetime, boundary_hour: int) -> TrialResult | None:
    """The latest finished or stopped experiment's result, for the report and the stats."""
    trials = [t for t in journal.trials() if t.state(now, boundary_hour) != "running"]
    trial = latest_trial(trials)
    return None if trial is None else result_for(journal, trial, now, boundary_hour)
