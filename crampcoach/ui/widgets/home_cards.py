"""Home's two cards, last night and the cramp-night counts, drawn from one HomeSummary.

The screen holds the summary in a reactive and binds it here (``data_bind``), so a new reading
of the journal redraws each card by itself; nothing reaches in to update them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.reactive import reactive
from textual.widgets import Static

from crampcoach.ui.typed_app import CrampCoachAppAccess

if TYPE_CHECKING:
    from crampcoach.core.summary import HomeSummary


class LastNightCard(CrampCoachAppAccess, Static):
    """'Last night · Tue 01 Dec', the first cramp's time and place, or that none was logged."""

    summary: reactive[HomeSummary | None] = reactive(None)

    def watch_summary(self, s: HomeSummary | None) -> None:
        if s is None:
            return
        # With the numbers, after the first frame: these bring the record models with them.
        from crampcoach.core.dates import day_label
        from crampcoach.core.vocab import label
        from crampcoach.ui.format import duration_words, local_time
        from crampcoach.ui.text import user_markup

        zone = self.cc_app.zone
        today = self.cc_app.now().date()
        last = s.tonight or s.last_night
        heading = "Tonight" if s.tonight else "Last night"
        # The night's evening date (with the year when it is not this year).
        lines = [f"[b]{heading}[/b] · {day_label(last.night, today)}"]
        if last.had_cramp:
            first = last.episodes[0]
            where = user_markup(", ".join(label(x) for x in first.locations) or "leg")
            count = len(last.episodes)
            more = f" ({count} episodes)" if count > 1 else ""
            lines.append(f"Cramp at {local_time(first.started_at, zone)}{more}")
            lines.append(f"{where}, {duration_words(last.total_duration_s)}")
        else:
            lines.append("No cramp logged. [$foreground-muted]Press l to log one.[/]")
            if s.last_episode is not None:
                ep = s.last_episode
                lines.append(f"Last episode: {ep.started_at.astimezone(zone):%a %d %b %H:%M}")
        self.update("\n".join(lines))


class CountsCard(Static):
    """Cramp nights in the last 7 and 30 nights, never counting nights before the first entry."""

    summary: reactive[HomeSummary | None] = reactive(None)

    def watch_summary(self, s: HomeSummary | None) -> None:
        # The reactive's first call (None, before the first frame) must not import anything:
        # the summary module brings the record models, ~15 ms.
        if s is None:
            return
        from crampcoach.core.summary import count_lines

        self.update("\n".join(["[b]Cramp nights[/b]", *count_lines(s)]))
