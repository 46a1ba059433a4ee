"""Log (or edit) an episode. Every field has a default, so l then ctrl+s saves one."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from crampcoach.core import vocab
from crampcoach.core.errors import Problem, ValidationError
from crampcoach.core.models import Episode, episode_from_dict
from crampcoach.core.summary import last_used
from crampcoach.core.times import zone_name
from crampcoach.core.when import WhenError, parse_when
from crampcoach.ui.text import user_text
from crampcoach.ui.widgets.text_fields import NotesArea, TextInput

QUICK_TIMES = ("23:00", "01:00", "02:00", "03:00", "04:00", "05:00")
LIST_FIELDS = ("locations", "triggers", "relief", "red_flags")
VOCABS = {
    "locations": vocab.LOCATIONS,
    "triggers": vocab.TRIGGERS,
    "relief": vocab.RELIEF,
    "red_flags": vocab.RED_FLAGS,
}
TITLES = {
    "locations": "Where",
    "triggers": "Possible triggers",
    "relief": "What helped",
    "red_flags": "Warning signs",
}
ERROR_FIELD = {"duration_min": "duration", "duration_s": "duration", "started_at": "when"}


class LogFormScreen(Screen[Episode | None]):
    SUB_TITLE = "Log a cramp"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save", priority=True),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def __init__(self, episode: Episode | None = None) -> None:
        super().__init__()
        self.editing = episode
        self._initial: dict[str, Any] | None = None
        self._saving = False

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        app: Any = self.app
        ep = self.editing
        if ep is None:
            side, locations = last_used(app.journal_read(lambda journal: journal.episodes()) or [])
            when = "now"
        else:
            side, locations = ep.side, ep.locations
            when = ep.started_at.astimezone(app.zone).strftime("%Y-%m-%d %H:%M")
        yield Header(icon="")
        with VerticalScroll(id="form"):
            yield Label("When did it start?", classes="field-label")
            yield TextInput(when, id="when", placeholder="now, 03:10, yesterday 23:40")
            with Horizontal(id="quick"):
                yield Button("now", id="quick-now", classes="quick")
                for t in QUICK_TIMES:
                    yield Button(t, id=f"quick-{t.replace(':', '')}", classes="quick")
            yield Static("A bare time like 03:10 goes on last night.", classes="hint")
            yield Static(id="err-when", classes="error")

            yield Label("How long, in minutes?", classes="field-label")
            yield TextInput(
                "" if ep is None or ep.duration_s is None else f"{ep.duration_s / 60:g}",
                id="duration",
                placeholder="e.g. 2 (leave empty if unsure)",
            )
            yield Static(id="err-duration", classes="error")

            yield Label("Which leg?", classes="field-label")
            with RadioSet(id="side"):
                for s in vocab.SIDES:
                    yield RadioButton(s, value=(s == side), name=s)
            yield Static(id="err-side", classes="error")

            for name in LIST_FIELDS:
                chosen = locations if name == "locations" else (getattr(ep, name) if ep else ())
                yield Label(TITLES[name], classes="field-label")
                yield SelectionList[str](
                    *[(vocab.label(v), v, v in chosen) for v in VOCABS[name]],
                    id=name,
                    classes="choices",
                )
                yield Static(id=f"err-{name}", classes="error")

            yield Label("How strong (1 mild – 10 worst)?", classes="field-label")
            yield Select[int](
                [(str(n), n) for n in range(1, 11)],
                value=ep.intensity if ep and ep.intensity else Select.NULL,
                prompt="not noted",
                id="intensity",
            )
            yield Static(id="err-intensity", classes="error")
            yield Checkbox("It woke me up", value=True if ep is None else ep.woke_me, id="woke_me")

            yield Label("Notes", classes="field-label")
            yield NotesArea(ep.notes if ep else "", id="notes", soft_wrap=True)
            yield Static(id="err-notes", classes="error")
            yield Static("ctrl+s saves · escape cancels", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        if self.editing is not None:
            self.sub_title = "Edit an episode"
        self._initial = self._collect()
        self.query_one("#when", Input).focus()

    # ------------------------------------------------------------ reading the form

    def _collect(self) -> dict[str, Any]:
        radio = self.query_one("#side", RadioSet).pressed_button
        intensity = self.query_one("#intensity", Select).value
        data: dict[str, Any] = {
            "when": self.query_one("#when", Input).value.strip(),
            "duration_min": self.query_one("#duration", Input).value.strip(),
            "side": radio.name if radio is not None else None,
            "intensity": None if intensity is Select.NULL else intensity,
            "woke_me": self.query_one("#woke_me", Checkbox).value,
            "notes": self.query_one("#notes", TextArea).text,
        }
        for name in LIST_FIELDS:
            data[name] = tuple(self.query_one(f"#{name}", SelectionList).selected)
        return data

    @property
    def changed(self) -> bool:
        return self._initial is not None and self._collect() != self._initial

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.has_class("quick"):
            text = str(event.button.label)
            self.query_one("#when", Input).value = "now" if text == "now" else text
            event.stop()

    # ------------------------------------------------------------ saving

    def _show_problems(self, problems: list[Problem]) -> None:
        for err in self.query(".error").results(Static):
            err.update("")
        for p in problems:
            target = ERROR_FIELD.get(p.field, p.field)
            widgets = self.query(f"#err-{target}")
            if widgets:  # messages may quote what was typed: plain text, never markup
                widgets.first(Static).update(user_text(p.message))
        if problems:
            self.notify("Please check the marked fields.", severity="warning")

    def action_save(self) -> None:
        if self._saving:
            return
        data = self._collect()
        app: Any = self.app
        now: datetime = app.now()
        if self.editing is not None and self._initial and data["when"] == self._initial["when"]:
            self._finish(data, self.editing.started_at, None)
            return
        try:
            when = parse_when(
                data["when"] or "now", now, app.zone, app.settings.night_boundary_hour
            )
        except WhenError as exc:
            self._show_problems([Problem("when", str(exc))])
            return
        if when.ambiguous:
            from crampcoach.ui.screens.confirm import ChoiceScreen

            options = [
                f"{c.strftime('%H:%M')} {c.tzname() or ''} (UTC{c.strftime('%z')}), "
                + ("the first time" if i == 0 else "after the clocks went back")
                for i, c in enumerate(when.choices)
            ]

            def chosen(index: int | None) -> None:
                if index is not None:
                    self._finish(data, when.choices[index], None)

            self.app.push_screen(ChoiceScreen(f"{when.note} Which one?", options), chosen)
            return
        self._finish(data, when.instant, when.note)

    def _finish(self, data: dict[str, Any], started: datetime, note: str | None) -> None:
        app: Any = self.app
        raw = dict(data)
        raw.pop("when")
        raw["started_at"] = started
        raw["tz"] = zone_name(started.tzinfo) or zone_name(app.zone)
        if self.editing is not None:
            raw["id"] = self.editing.id
            raw["source"] = self.editing.source
        try:
            episode = episode_from_dict(raw, now=app.now())
        except ValidationError as exc:
            self._show_problems(exc.problems)
            return
        self._show_problems([])
        self._saving = True
        try:
            editing = self.editing is not None
            saved = app.journal_write(
                lambda journal: (journal.update_episode if editing else journal.add_episode)(
                    episode
                )
            )
        finally:
            self._saving = False
        if saved is None:
            return  # the failure is shown; the entry stays in the form for a retry
        app.notify(("Updated." if self.editing else "Saved.") + (f" {note}" if note else ""))
        self.dismiss(saved)
        from crampcoach.ui.screens.advice_notice import show_advice_after_log

        show_advice_after_log(app, saved)

    def action_cancel(self) -> None:
        from crampcoach.ui.screens.confirm import dismiss_unless_changed

        dismiss_unless_changed(
            self, self.changed, "Discard what you typed?", yes="Discard", no="Keep editing"
        )
