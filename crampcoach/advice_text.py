"""Doctor advice for the current journal, shared by the CLI and the app."""

from __future__ import annotations

from datetime import datetime, timedelta

from crampcoach.core.doctor import (
    NONE,
    Advice,
    advise,
    check_episode,
    lookback_nights,
    more_pressing,
    numbers_from_settings,
)
from crampcoach.core.models import Episode
from crampcoach.store import Journal


def current_advice(journal: Journal, now: datetime) -> Advice:
    """The advice as of ``now``, reading only what the rules can look at.

    That is the nights of the count windows (before now, and before the latest recorded
    visit, which the rules compare with), every episode with a warning sign (signs have
    no time limit) and the journal's first night (nights before it are untracked).
    """
    settings = journal.settings()
    visits = journal.doctor_visits()
    start = now
    usable = [v for v in visits if v.seen_on <= now.date()]
    if usable:
        seen = max(v.seen_on for v in usable)
        start = min(now, datetime(seen.year, seen.month, seen.day, tzinfo=now.tzinfo))
    # Two days' margin: nights are named by their evening and may be in another zone.
    since = start - timedelta(days=lookback_nights(settings.thresholds) + 2)
    recent = journal.episodes_since(since)
    ids = {e.id for e in recent}
    older_signs = [e for e in journal.episodes_with_red_flags() if e.id not in ids]
    return advise(
        older_signs + recent,
        journal.profile(),
        now=now,
        boundary_hour=settings.night_boundary_hour,
        thresholds=settings.thresholds,
        first_night=journal.first_record_night(settings.night_boundary_hour),
        visits=visits,
        numbers=numbers_from_settings(settings),
    )


def episode_advice(journal: Journal, episode: Episode, now: datetime | None = None) -> Advice:
    """What to show right after a log: this episode's advice, or the journal's if more pressing.

    Signs split over several episodes of one night (swelling at 02:00, redness at 07:00)
    are urgent together though neither is alone, so with ``now`` the whole journal is
    checked too when this episode fires a rule of its own.
    """
    settings = journal.settings()
    single = check_episode(
        episode,
        thresholds=settings.thresholds,
        boundary_hour=settings.night_boundary_hour,
        numbers=numbers_from_settings(settings),
    )
    if now is None or single.level == NONE:
        # Nothing in this episode: no notice after the log (the banner keeps the rest).
        return single
    return more_pressing(single, current_advice(journal, now))


def advice_lines(advice: Advice) -> list[str]:
    lines = [advice.headline]
    lines += [f"- {r.text}" for r in advice.reasons]
    if advice.whom:
        lines.append(f"Whom to see: {', '.join(advice.whom)}.")
    return lines


def help_text(advice: Advice) -> list[str]:
    """The out-of-hours and emergency lines, under a heading."""
    return ["At any hour:", *(f"- {line}" for line in advice.help)]


def advice_after_log(journal: Journal, episode: Episode, now: datetime) -> str | None:
    """What to say right after a log: the more pressing of this episode's and the journal's."""
    shown = episode_advice(journal, episode, now)
    if shown.level == NONE:
        return None
    if shown.reasons and any(r.level == "urgent" for r in shown.reasons):
        return "\n".join(advice_lines(shown))
    single = episode_advice(journal, episode)
    if single.level != NONE:
        return "\n".join(advice_lines(shown))
    return f"{shown.headline} Run `crampcoach stats` or press d in the app to see why."
