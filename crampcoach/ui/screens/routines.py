"""Every routine with its kind, length and when it was last done; enter plays it.

User routines (``<data dir>/routines/*.toml``) are marked; files that do not load are listed
below with their error, never raised.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from crampcoach.core.models import RoutineRun
from crampcoach.core.routines import Routine
from crampcoach.ui.format import clock
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.screens.player import PlayerScreen, PlayResult
from crampcoach.ui.text import user_text
from crampcoach.ui.typed_app import CrampCoachAppAccess
from crampcoach.ui.widgets.footer import Footer
from crampcoach.ui.widgets.header import Header

KIND_WORDS = {
    "first-aid": "first aid",
    "recovery": "after a cramp",
    "bedtime": "bedtime",
    "daytime": "daytime",
    "morning": "morning",
}


def last_runs(runs: list[RoutineRun]) -> dict[str, RoutineRun]:
    """The latest run of each routine, finished or left early."""
    latest: dict[str, RoutineRun] = {}
    for run in runs:
        seen = latest.get(run.routine_id)
        if seen is None or run.started_at >= seen.started_at:
            latest[run.routine_id] = run
    return latest


def when_words(instant: datetime, now: datetime, zone: tzinfo) -> str:
    """ "today 22:10", "yesterday 22:10", "3 days ago", "12 Nov"."""
    local = instant.astimezone(zone)
    days = (now.astimezone(zone).date() - local.date()).days
    if days <= 0:
        return f"today {local:%H:%M}"
    if days == 1:
        return f"yesterday {local:%H:%M}"
    if days < 7:
        return f"{days} days ago"
    return local.strftime("%d %b %Y") if days > 300 else local.strftime("%d %b")


class RoutinesScreen(FreshStyles, CrampCoachAppAccess, Screen[None]):
    AUTO_FOCUS = "#routines"  # focused as the screen is built (ui/fresh_styles.py)
    CSS_PATH = "../styles/routines.tcss"
    SUB_TITLE = "Routines"
    BINDINGS = [
        Binding("enter", "start", "Start", id="start"),
        Binding("escape", "back", "Back", id="back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with VerticalScroll(id="routines-page", can_focus=False):
            yield Static(
                "Pick one with ↑ ↓ and press [b]enter[/b] to start it.", id="routines-hint"
            )
            yield DataTable(id="routines", cursor_type="row", zebra_stripes=False)
            yield Static(id="user-hint", classes="hint", markup=False)
            yield Static(id="invalid-title", classes="error")
            yield Static(id="invalid-list", classes="error", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#routines", DataTable)
        table.add_column("Routine", key="title")
        table.add_column("Kind", key="kind")
        table.add_column("Length", key="length")
        table.add_column("Last done", key="last")
        # Each opening reads the user's routine files again: a fixed file shows at once.
        self.cc_app.reload_catalog()
        self.refresh_table()

    def on_screen_resume(self) -> None:
        self.refresh_table()

    def refresh_table(self) -> None:
        app = self.cc_app
        catalog = app.catalog
        table = self.query_one("#routines", DataTable)
        keep = table.cursor_row
        # Rows only: rebuilding the columns in the same refresh left them at header width.
        table.clear()
        runs = app.journal_read(lambda journal: journal.runs()) or []
        latest = last_runs(runs)
        now = app.now()
        for routine in catalog.routines:
            title = routine.title + ("  (yours)" if catalog.is_user(routine.id) else "")
            run = latest.get(routine.id)
            if run is None:
                last = "never"
            else:
                last = when_words(run.started_at, now, app.zone)
                if not run.finished:
                    last += " (left early)"
            cells = (
                title,  # a user routine's title is the user's text
                KIND_WORDS.get(routine.kind, routine.kind),
                clock(routine.total_seconds(app.settings.get_ready_s)),
                last,
            )
            table.add_row(*(user_text(cell) for cell in cells), key=routine.id)
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))
        else:
            self.query_one("#routines-hint", Static).update(
                "No routines could be loaded. Reinstall crampcoach, or add a routine file "
                "to the folder named below."
            )
        self._show_user_files(catalog)

    def _show_user_files(self, catalog: Any) -> None:
        from crampcoach import paths

        app = self.cc_app
        folder = paths.user_routines_dir(app.data_dir)
        if catalog.user_ids:
            hint = f"Your own routines come from {folder}."
        else:
            hint = (
                "You have no routines of your own yet. To add one, copy a routine file "
                f"(TOML) into {folder} and open this screen again."
            )
        self.query_one("#user-hint", Static).update(user_text(hint))  # the folder's path
        invalid = catalog.invalid
        title = self.query_one("#invalid-title", Static)
        listing = self.query_one("#invalid-list", Static)
        title.display = listing.display = bool(invalid)
        if invalid:
            count = len(invalid)
            title.update(
                f"[b]{count} file{'s' if count > 1 else ''} in your routines folder could not be "
                "loaded.[/b] Fix the line named below, then open this screen again:"
            )
            # The messages quote the files' names and lines.
            listing.update(user_text("\n".join(f"• {item.message}" for item in invalid)))

    # ------------------------------------------------------------ actions

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._start(str(event.row_key.value))

    def action_start(self) -> None:
        table = self.query_one("#routines", DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        self._start(str(key.value))

    def _start(self, routine_id: str) -> None:
        app = self.cc_app
        routine: Routine | None = app.catalog.get(routine_id)
        if routine is None:
            return

        def played(result: PlayResult | None) -> None:
            if result is not None and result.finished:
                app.notify(f"{routine.title}: done.", timeout=3)
            self.refresh_table()

        app.push_screen(PlayerScreen(routine), played)

    def action_back(self) -> None:
        self.dismiss(None)
