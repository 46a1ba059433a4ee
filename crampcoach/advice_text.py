"""Doctor advice for the current journal, shared by the CLI and the app."""

from __future__ import annotations

from datetime import datetime, timedelta

from crampcoach.core.doctor import Advice, advise, check_episode, lookback_nights
from crampcoach.core.models import Episode
from crampcoach.store import Journal


def current_advice(journal: Journal, now: datetime) -> Advice:
    """The advice as of ``now``, from only the nights the rules can look at."""
    settings = journal.settings()
    # Two days' margin: nights are named by their evening and may be in another zone.
    since = now - timedelta(days=lookback_nights(settings.thresholds) + 2)
    return advise(
        journal.episodes_since(since),
        journal.profile(),
        now=now,
        boundary_hour=settings.night_boundary_hour,
        thresholds=settings.thresholds,
    )


def episode_advice(journal: Journal, episode: Episode) -> Advice:
    settings = journal.settings()
    return check_episode(
        episode, thresholds=settings.thresholds, boundary_hour=settings.night_boundary_hour
    )


def advice_lines(advice: Advice) -> list[str]:
    lines = [advice.headline]
    lines += [f"- {r.text}" for r in advice.reasons]
    if advice.whom:
        lines.append(f"Whom to see: {', '.join(advice.whom)}.")
    return lines


def advice_after_log(journal: Journal, episode: Episode, now: datetime) -> str | None:
    """What to say right after a log: this episode's red flags first, then the overall picture."""
    single = episode_advice(journal, episode)
    overall = current_advice(journal, now)
    if single.level != "none":
        return "\n".join(advice_lines(single))
    if overall.level != "none":
        return f"{overall.headline} Run `crampcoach stats` or press d in the app to see why."
    return None
