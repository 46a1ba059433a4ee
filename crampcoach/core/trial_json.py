"""The JSON shapes of ``crampcoach trial status --json`` and ``trial result --json`` (pure).

The keys the command line promises are documented in docs/experiments.md; more keys may be
added, none taken away.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from crampcoach.core.nights import DEFAULT_BOUNDARY_HOUR
from crampcoach.core.trial import ArmCount, Trial, TrialResult
from crampcoach.core.trial_stats import TOO_EARLY


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def status_json(
    trial: Trial, now: datetime, boundary_hour: int = DEFAULT_BOUNDARY_HOUR
) -> dict[str, Any]:
    return {
        "habit": trial.habit,
        "state": trial.state(now, boundary_hour),
        "phases": [
            {
                "first_night": p.first_night.isoformat(),
                "last_night": p.last_night.isoformat(),
                "arm": p.arm,
            }
            for p in trial.phases
        ],
        "seed": trial.seed,
        "nights_per_phase": trial.nights_per_phase,
        "started_at": trial.started_at.isoformat(),
        "stopped_at": None if trial.stopped_at is None else trial.stopped_at.isoformat(),
        "phases_done": trial.phases_done(now, boundary_hour),
    }


def _arm(count: ArmCount) -> dict[str, int]:
    return {
        "nights": count.nights,
        "cramp_nights": count.cramp_nights,
        "scheduled_nights": count.scheduled,
        "untracked_nights": count.untracked,
        "kept": count.kept,
        "not_kept": count.not_kept,
        "not_answered": count.unknown,
    }


def result_json(result: TrialResult) -> dict[str, Any]:
    rr = result.decision.ratio
    return {
        "habit": result.trial.habit,
        "state": result.state,
        "on": _arm(result.on),
        "off": _arm(result.off),
        "rate_ratio": _round(rr.estimate),
        "ci_low": _round(rr.low),
        "ci_high": _round(rr.high),
        "method": result.method,
        "verdict": result.verdict,
        "stable_to_one_night": result.decision.stable,
        "phases_done": result.phases_done,
        "phases": result.trial.phase_count,
        "stopped_early": result.state == "stopped",
        "last_night_counted": (
            None if result.done_until < result.trial.first_night else result.done_until.isoformat()
        ),
        "too_early": result.verdict == TOO_EARLY,
    }
