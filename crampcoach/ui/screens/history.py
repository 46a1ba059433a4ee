"""Every episode, newest first: filter, sort, open, edit, delete and undo."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

from crampcoach.core import vocab
from crampcoach.core.durations import duration_text
from crampcoach.core.history import PERIODS, HistoryFilter, filter_episodes, sort_episodes
from crampcoach.core.models import Episode
from crampcoach.core.nights import episode_night
from crampcoach.ui.text import user_text
from crampcoach.ui.widgets.text_fields import TextInput

COLUMNS: tuple[tuple[str, str], ...] = (
    ("night", "Night"),
    ("started", "Started"),
    ("duration", "Length"),
    ("side", "Leg"),
    ("where", "Where"),
    ("intensity", "Str"),
    ("flags", "Signs"),
    ("notes", "Notes"),
)
SORTABLE = ("started", "duration", "side", "where", "intensity", "flags")


class HistoryScreen(Screen[None]):
    SUB_TITLE = "History"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("enter", "show", "Show", id="show", show=False),
        Binding("e", "edit", "Edit", id="edit"),
        Binding("x", "delete", "Delete", id="delete"),
        Binding("u", "undo", "Undo delete", id="undo"),
        Binding("o", "next_sort", "Sort", id="sort"),
        Binding("slash", "search", "Search notes", id="search"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort_key = "started"
        self.descending = True
        self.filter = HistoryFilter()
        self._shown: list[Episode] = []

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Horizontal(id="filters"):
            yield Select([(p, p) for p in PERIODS], value="all", allow_blank=False, id="period")
            yield Select(
                [(vocab.label(v), v) for v in vocab.LOCATIONS],
                prompt="any place",
                id="location",
            )
            yield TextInput(placeholder="search notes (/)", id="text")
        # Doctor's visits (recorded with `v` on the doctor screen or `crampcoach doctor seen`).
        yield Static(id="history-visits", classes="hint")
        table: DataTable[Text] = DataTable(id="episodes", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(id="empty", classes="empty")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, title in COLUMNS:
            table.add_column(title, key=key)
        self.reload()
        table.focus()

    def on_screen_resume(self) -> None:
        self.reload()

    # ------------------------------------------------------------ data

    def reload(self) -> None:
        app: Any = self.app
        episodes = app.journal_read(lambda journal: journal.episodes())
        if episodes is None:
            return
        shown = filter_episodes(episodes, self.filter, app.now(), app.settings.night_boundary_hour)
        self._shown = sort_episodes(shown, self.sort_key, self.descending)
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        boundary = app.settings.night_boundary_hour
        for ep in self._shown:
            local = ep.started_at.astimezone(app.zone)
            # Cells are Text, never bare strings: a string cell is parsed as markup, and a
            # note holding "[/]" crashed this screen.
            cells = (
                episode_night(ep, boundary).strftime("%a %d %b"),
                local.strftime("%d %b %H:%M"),
                "" if ep.duration_s is None else duration_text(ep.duration_s),
                ep.side or "",
                ", ".join(vocab.label(x) for x in ep.locations),
                "" if ep.intensity is None else str(ep.intensity),
                "⚠ " + str(len(ep.red_flags)) if ep.red_flags else "",
                ep.notes.replace("\n", " ")[:30],
            )
            table.add_row(*(user_text(cell) for cell in cells), key=ep.id)
        if self._shown:
            table.move_cursor(row=min(cursor, len(self._shown) - 1))
        arrow = "▼" if self.descending else "▲"
        self.sub_title = (
            f"History · {len(self._shown)} of {len(episodes)} · sorted by {self.sort_key} {arrow}"
        )
        self._show_visits()
        empty = self.query_one("#empty", Static)
        if not episodes:
            empty.update("No episodes yet. Press escape, then l to log one, or f during a cramp.")
        elif not self._shown:
            empty.update("No episode matches these filters.")
        empty.display = not self._shown
        table.display = bool(self._shown)

    def _show_visits(self) -> None:
        from crampcoach.core.doctor_visit import visits_line

        app: Any = self.app
        line = visits_line(app.guard(app.journal.doctor_visits) or ())
        widget = self.query_one("#history-visits", Static)
        widget.display = line is not None
        widget.update(line or "")

    def current(self) -> Episode | None:
        table = self.query_one(DataTable)
        if not self._shown or table.cursor_row < 0:
            return None
        return self._shown[min(table.cursor_row, len(self._shown) - 1)]

    # ------------------------------------------------------------ filters and sorting

    def on_select_changed(self, event: Select.Changed) -> None:
        value = event.value
        if event.select.id == "period":
            self.filter = HistoryFilter(str(value), self.filter.location, self.filter.text)
        elif event.select.id == "location":
            location = None if value is Select.NULL else str(value)
            self.filter = HistoryFilter(self.filter.period, location, self.filter.text)
        self.reload()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.filter = HistoryFilter(self.filter.period, self.filter.location, event.value)
        self.reload()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(DataTable).focus()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        if key == "night":
            key = "started"
        if key not in SORTABLE:
            return
        self.descending = not self.descending if key == self.sort_key else True
        self.sort_key = key
        self.reload()

    def action_next_sort(self) -> None:
        index = SORTABLE.index(self.sort_key)
        self.sort_key = SORTABLE[(index + 1) % len(SORTABLE)]
        self.descending = True
        self.reload()

    def action_search(self) -> None:
        self.query_one("#text", Input).focus()

    # ------------------------------------------------------------ row actions

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_show()

    def action_show(self) -> None:
        episode = self.current()
        if episode is None:
            return
        from crampcoach.ui.screens.episode_detail import EpisodeDetailScreen

        def chosen(what: str | None) -> None:
            if what == "edit":
                self.action_edit()
            elif what == "delete":
                self.action_delete()

        self.app.push_screen(EpisodeDetailScreen(episode), chosen)

    def action_edit(self) -> None:
        episode = self.current()
        if episode is None:
            return
        from crampcoach.ui.screens.log_form import LogFormScreen

        self.app.push_screen(LogFormScreen(episode))

    def action_delete(self) -> None:
        episode = self.current()
        if episode is None:
            return
        from crampcoach.ui.screens.confirm import ConfirmScreen

        app: Any = self.app
        when = episode.started_at.astimezone(app.zone).strftime("%a %d %b %H:%M")

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            removed = app.journal_write(lambda journal: journal.delete_episode(episode.id))
            if removed is not None:
                self.app.deleted_episodes.append(removed)
                app.notify("Deleted. Press u to undo.")
            self.reload()

        app.push_screen(ConfirmScreen(f"Delete the episode of {when}?", yes="Delete"), answer)

    def action_undo(self) -> None:
        app: Any = self.app
        if not self.app.deleted_episodes:
            app.notify("Nothing to undo.")
            return
        episode = self.app.deleted_episodes[-1]
        if app.journal_write(lambda journal: journal.add_episode(episode)) is not None:
            self.app.deleted_episodes.pop()
            app.notify("Restored.")
        self.reload()

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self.query_one(DataTable).focus()
            return
        self.dismiss()
