"""`crampcoach stats` and `crampcoach report`: journal → core numbers → text."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from crampcoach import paths
from crampcoach.core.models import CheckIn, Episode, RoutineRun, Settings
from crampcoach.store import Journal


def bedtime_routine_ids(data_dir: Path | None) -> frozenset[str]:
    """Ids of bedtime routines (shipped and the user's own), for "does it help?"."""
    from crampcoach import content

    user = paths.user_routines_dir(data_dir) if data_dir else None
    return frozenset(r.id for r in content.load_routines(user).of_kind("bedtime"))


def stats_output(journal: Journal, now: datetime, *, as_json: bool) -> str:
    from crampcoach.core.stats import stats_json

    settings = journal.settings()
    bedtime = bedtime_routine_ids(journal.path.parent)
    episodes, checkins, runs = journal.episodes(), journal.checkins(), journal.runs()
    if as_json:
        doc = stats_json(
            episodes,
            checkins,
            runs,
            journal.profile(),
            settings,
            now,
            bedtime_routine_ids=bedtime,
            visits=journal.doctor_visits(),
        )
        doc["experiment"] = _experiment_json(journal, now, settings.night_boundary_hour)
        return json.dumps(doc, indent=2, ensure_ascii=False)
    return _stats_text(journal, episodes, checkins, runs, settings, now, bedtime)


def _stats_text(
    journal: Journal,
    episodes: list[Episode],
    checkins: list[CheckIn],
    runs: list[RoutineRun],
    settings: Settings,
    now: datetime,
    bedtime: frozenset[str],
) -> str:
    from crampcoach.advice_text import advice_lines, current_advice, help_text
    from crampcoach.core.doctor import OWN_THRESHOLD_NOTE
    from crampcoach.core.patterns import compute_patterns, format_duration, index_episodes

    boundary = settings.night_boundary_hour
    index = index_episodes(episodes, boundary)
    p = compute_patterns(
        index, checkins, runs, now=now, boundary_hour=boundary, bedtime_routine_ids=bedtime
    )
    advice = current_advice(journal, now)
    if not episodes:
        head = ["No episodes logged yet. Log one with `crampcoach log` or press l in the app."]
    else:
        head = [
            f"Cramp nights: {p.nights.last_7} of the last 7, {p.nights.last_30} of the last 30.",
            f"Trend: {p.trend.text}",
            f"Time of night: {p.hours.text}",
            f"Where: {p.locations.text}",
            f"Side: {p.sides.text}",
            f"Triggers noted with cramps: {p.triggers.text}",
            f"Typical duration: {format_duration(p.duration.median)}; "
            f"typical strength: {_strength(p.intensity.median)}.",
            f"Cramp-free nights: {p.streaks.current} now, longest {p.streaks.longest}.",
        ]
    body = [*head, "", "Evenings and cramps (association, not cause):"]
    shown = [f.text for f in p.factors if f.enough]
    body += [f"- {t}" for t in shown] or ["- not enough check-ins yet (5 nights each side)."]
    if p.bedtime.enough:
        body.append(f"- {p.bedtime.text}")
    helped = [r.text for r in p.relief if r.timed_episodes]
    if helped:
        body += ["", "What helped:"] + [f"- {t}" for t in helped]
    body += ["", *advice_lines(advice)]
    if advice.note_own_threshold:
        body.append(OWN_THRESHOLD_NOTE)
    body += list(advice.notes)
    body += help_text(advice)
    return "\n".join(body)


def _strength(value: float | None) -> str:
    return "not noted" if value is None else f"{value:g} of 10"


def report_output(journal: Journal, now: datetime, *, fmt: str, days: int) -> str:
    from crampcoach.report import build_report_data, render_html, render_markdown

    data = build_report_data(
        journal.episodes(),
        journal.checkins(),
        journal.runs(),
        journal.profile(),
        journal.settings(),
        now,
        days,
        bedtime_routine_ids=bedtime_routine_ids(journal.path.parent),
        experiment=_experiment_section(journal, now, journal.settings().night_boundary_hour),
        visits=journal.doctor_visits(),
    )
    return render_html(data) if fmt == "html" else render_markdown(data)


def _experiment_json(journal: Journal, now: datetime, boundary: int) -> dict | None:
    """The latest finished or stopped personal experiment (docs/stats-schema.md), or null."""
    from crampcoach.core.trial_json import result_json
    from crampcoach.experiments import reported_result

    result = reported_result(journal, now, boundary)
    return None if result is None else result_json(result)


def _experiment_section(journal: Journal, now: datetime, boundary: int):
    from crampcoach.experiments import reported_result
    from crampcoach.habits import get_habit
    from crampcoach.report.experiment import experiment_section

    result = reported_result(journal, now, boundary)
    if result is None:
        return None
    habit = get_habit(result.trial.habit)
    title, name = (habit.title, habit.name) if habit else (result.trial.habit,) * 2
    return experiment_section(result, title, name)
