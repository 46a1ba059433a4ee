"""Every episode, newest first: filter, sort, open, edit, delete and undo."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Input, Select, Static

from crampcoach.core import vocab
from crampcoach.core.durations import duration_text
from crampcoach.core.history import (
    PERIODS,
    HistoryFilter,
    IndexedEpisode,
    filter_indexed,
    index_episodes,
    sort_indexed,
)
from crampcoach.core.kept_per_record import KeptPerRecord
from crampcoach.core.models import Episode
from crampcoach.core.nights import episode_night
from crampcoach.ui.boundary import guarded
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.text import user_text
from crampcoach.ui.typed_app import CrampCoachAppAccess
from crampcoach.ui.widgets.footer import Footer
from crampcoach.ui.widgets.header import Header
from crampcoach.ui.widgets.select_later import SelectLater
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
# Rows go into the table a page at a time, as the user scrolls: building thousands of
# DataTable rows is what made History slow with years of data. Filters, search and sort
# still run over every episode.
PAGE = 30
# Load the next page when the cursor or the scroll position is this close to the end.
AHEAD = 10
# At most this many episodes new since the last reading are indexed on the UI thread.
QUICK = 200


class EpisodeIndex(KeptPerRecord[Episode, IndexedEpisode]):
    """History's search index, kept between readings (see ``core/kept_per_record``)."""

    def index(self, episodes: list[Episode], boundary: int) -> list[IndexedEpisode]:
        return self.values(episodes, boundary, index_episodes)


INDEX = EpisodeIndex()


def prepare(episodes: list[Episode], boundary_hour: int) -> None:
    """Index every episode ahead of the first opening (the app's warm-up thread)."""
    INDEX.index(episodes, boundary_hour)


class HistoryScreen(FreshStyles, CrampCoachAppAccess, Screen[None]):
    AUTO_FOCUS = "#episodes"  # focused as the screen is built (ui/fresh_styles.py)
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

    @dataclass
    class Loaded(Message):
        """The journal's episodes, indexed for filtering, read by the worker."""

        index: list[IndexedEpisode]
        reading: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.sort_key = "started"
        self.descending = True
        self.filter = HistoryFilter()
        self._index: list[IndexedEpisode] | None = None
        self._shown: list[Episode] = []
        # Bumped by each filtering, so a table fill queued by an older keystroke is skipped.
        self._generation = 0
        # Bumped by each reading of the journal, so an older worker's answer is dropped.
        self._reading = 0
        self._mounted_read = True

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Horizontal(id="filters"):
            # Closed looks first; the real Selects replace them after the first frame.
            yield SelectLater(
                [(p, p) for p in PERIODS], value="all", allow_blank=False, id="period"
            )
            yield SelectLater(
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
        self.query_one("#empty", Static).display = False
        self.sub_title = "History · reading the journal…"
        self.watch(table, "scroll_y", self._scrolled, init=False)
        # The search box is watched, not listened to: a watcher runs as the key is handled,
        # so the new count is in the same frame as the typed letter; Input.Changed bubbles
        # up a message later, after that frame (a search keystroke then took ~45 ms).
        self.watch(self.query_one("#text", Input), "value", self._search_typed, init=False)
        # Read now, not on the resume that follows the mount: with the journal in memory
        # the rows are then part of the screen's first frame instead of a second one.
        self.reload()

    def on_screen_resume(self) -> None:
        if self._mounted_read:
            self._mounted_read = False  # the read on_mount made stands for this resume
            return
        self.reload()

    def on_journal_changed(self) -> None:
        # Another process wrote the journal: read it again; the search text, the filters,
        # the sort, the cursor's episode and the scroll position all stay.
        self.reload()

    # ------------------------------------------------------------ data

    def reload(self) -> None:
        """Read the journal again.

        When the journal is unchanged on disk (its records are in memory) and few of its
        episodes are new to the index, the rows are shown at once, in this frame. Anything
        that needs the disk, or indexing years of episodes (the first opening), runs in a
        worker, so the screen keeps painting meanwhile."""
        self._reading += 1
        app = self.cc_app
        boundary = app.settings.night_boundary_hour
        if app.journal_read(lambda journal: not journal.changed_since_last_read()):
            episodes = app.journal_read(lambda journal: journal.episodes())
            if episodes is None:
                return
            if INDEX.missing(episodes, boundary) <= QUICK:
                self._loaded(INDEX.index(episodes, boundary))
                return
        self._read_journal(self._reading)

    @work(thread=True, exclusive=True, group="history-read", exit_on_error=False)
    @guarded
    def _read_journal(self, reading: int) -> None:
        app = self.cc_app
        episodes = app.journal_read(lambda journal: journal.episodes())
        if episodes is None:
            return
        index = INDEX.index(episodes, app.settings.night_boundary_hour)
        self.post_message(self.Loaded(index, reading))

    def on_history_screen_loaded(self, message: Loaded) -> None:
        if message.reading == self._reading:
            self._loaded(message.index)

    def _loaded(self, index: list[IndexedEpisode]) -> None:
        first = self._index is None
        self._index = index
        self._show_visits()
        # A re-read (after an edit, a delete or another process's write) keeps the cursor
        # on its episode and the table where it was scrolled.
        self.refilter(keep_place=not first)

    def refilter(self, *, keep_place: bool = False, rows_later: bool = False) -> None:
        """Filter and sort every episode, then show the first page of the answer.

        ``keep_place`` keeps the cursor on the same episode (by id, when it is still
        shown) and the scroll position; otherwise the cursor keeps its row.
        ``rows_later`` (a search keystroke) paints the count in the title at once and
        rebuilds the rows in the frame after, so typing never waits on the table."""
        if self._index is None:
            return
        app = self.cc_app
        boundary = app.settings.night_boundary_hour
        before = self.current() if keep_place else None
        shown = filter_indexed(self._index, self.filter, app.now(), boundary)
        self._shown = sort_indexed(shown, self.sort_key, self.descending)
        arrow = "▼" if self.descending else "▲"
        counts = f"{len(self._shown)} of {len(self._index)}"
        self.sub_title = f"History · {counts} · sorted by {self.sort_key} {arrow}"
        empty = self.query_one("#empty", Static)
        if not self._index:
            empty.update("No episodes yet. Press escape, then l to log one, or f during a cramp.")
        elif not self._shown:
            empty.update("No episode matches these filters.")
        empty.display = not self._shown
        table = self.query_one(DataTable)
        table.display = bool(self._shown)
        self._generation += 1
        if rows_later:
            self.call_after_refresh(self._fill_table, self._generation, None)
        else:
            self._fill_table(self._generation, before if keep_place else None, keep_place)

    def _fill_table(
        self, generation: int, before: Episode | None, keep_place: bool = False
    ) -> None:
        """Put the first page of the shown episodes in the table (enough to reach the
        cursor and the scroll position), unless a newer keystroke has filtered again."""
        if generation != self._generation:
            return
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        scroll_y = table.scroll_y
        if before is not None:
            cursor = next((i for i, ep in enumerate(self._shown) if ep.id == before.id), cursor)
        table.clear()
        in_view = int(scroll_y) + table.size.height if keep_place else 0
        self._add_rows(max(PAGE, cursor + 1, in_view + 1))
        if self._shown:
            table.move_cursor(row=min(cursor, len(self._shown) - 1), scroll=not keep_place)
            if keep_place:
                self.call_after_refresh(self._restore_scroll, scroll_y)

    def _restore_scroll(self, scroll_y: float) -> None:
        table = self.query_one(DataTable)
        table.scroll_to(y=scroll_y, animate=False, immediate=True)

    def _show_visits(self) -> None:
        from crampcoach.core.doctor_visit import visits_line

        app = self.cc_app
        line = visits_line(app.journal_read(lambda journal: journal.doctor_visits()) or ())
        widget = self.query_one("#history-visits", Static)
        widget.display = line is not None
        widget.update(line or "")

    def _add_rows(self, count: int) -> None:
        """Append up to ``count`` more of the shown episodes to the table."""
        table = self.query_one(DataTable)
        start = table.row_count
        app = self.cc_app
        boundary = app.settings.night_boundary_hour
        zone = app.zone
        for ep in self._shown[start : start + count]:
            local = ep.started_at.astimezone(zone)
            table.add_row(
                Text(episode_night(ep, boundary).strftime("%a %d %b")),
                Text(local.strftime("%d %b %H:%M")),
                Text("" if ep.duration_s is None else duration_text(ep.duration_s)),
                user_text(ep.side or ""),
                user_text(", ".join(vocab.label(x) for x in ep.locations)),
                Text("" if ep.intensity is None else str(ep.intensity)),
                Text("⚠ " + str(len(ep.red_flags)) if ep.red_flags else ""),
                user_text(ep.notes.replace("\n", " ")[:30]),
                key=ep.id,
            )

    def _more_if_near_end(self, row: int) -> None:
        table = self.query_one(DataTable)
        if row >= table.row_count - AHEAD and table.row_count < len(self._shown):
            self._add_rows(PAGE)

    def _scrolled(self, _old: float, new: float) -> None:
        table = self.query_one(DataTable)
        # The last row in view, roughly: the header takes one line.
        self._more_if_near_end(int(new) + table.size.height)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._more_if_near_end(event.cursor_row)

    @property
    def loaded_rows(self) -> int:
        """How many of the shown episodes are in the table so far."""
        return self.query_one(DataTable).row_count

    def current(self) -> Episode | None:
        table = self.query_one(DataTable)
        if not self._shown or table.cursor_row < 0:
            return None
        return self._shown[min(table.cursor_row, len(self._shown) - 1)]

    # ------------------------------------------------------------ filters and sorting

    def on_select_changed(self, event: Select.Changed) -> None:
        value = event.value
        chosen = self.filter
        if event.select.id == "period":
            chosen = HistoryFilter(str(value), self.filter.location, self.filter.text)
        elif event.select.id == "location":
            location = None if value is Select.NULL else str(value)
            chosen = HistoryFilter(self.filter.period, location, self.filter.text)
        if chosen == self.filter:
            return  # the selects announce their first value when they mount
        self.filter = chosen
        self.refilter()

    def _search_typed(self, text: str) -> None:
        self.filter = HistoryFilter(self.filter.period, self.filter.location, text)
        self.refilter(rows_later=True)

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
        self.refilter()

    def action_next_sort(self) -> None:
        index = SORTABLE.index(self.sort_key)
        self.sort_key = SORTABLE[(index + 1) % len(SORTABLE)]
        self.descending = True
        self.refilter()

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

        app = self.cc_app
        when = episode.started_at.astimezone(app.zone).strftime("%a %d %b %H:%M")

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            removed = app.journal_write(lambda journal: journal.delete_episode(episode.id))
            if removed is not None:
                app.deleted_episodes.append(removed)
                app.notify("Deleted. Press u to undo.")
            self.reload()

        app.push_screen(ConfirmScreen(f"Delete the episode of {when}?", yes="Delete"), answer)

    def action_undo(self) -> None:
        app = self.cc_app
        if not app.deleted_episodes:
            app.notify("Nothing to undo.")
            return
        episode = app.deleted_episodes[-1]
        if app.journal_write(lambda journal: journal.add_episode(episode)) is not None:
            app.deleted_episodes.pop()
            app.notify("Restored.")
        self.reload()

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self.query_one(DataTable).focus()
            return
        self.dismiss()
