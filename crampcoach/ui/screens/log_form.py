"""Log (or edit) an episode in a few keys.

At 3 a.m.: ``l``, the leg (``l``/``r``/``b``), the spot (``c`` calf…), ``ctrl+s`` — time is now.
In the morning (8 keys): ``l``, the time as ``310`` (digits jump straight into the time field,
and a time that can only mean one thing moves on by itself), the intensity on one number key
(it moves on too), a trigger with space, the minutes (a number on the trigger list starts the
duration below it), ``ctrl+s``. A number key always types into the number field at or below
the cursor. Enter moves to the next field and saves on the last; what the form filled in by
itself says so.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, Label, SelectionList, Static, TextArea

from crampcoach.core import vocab
from crampcoach.core.errors import Problem, ValidationError
from crampcoach.core.log_entry import missing_basics, time_is_complete, when_preview
from crampcoach.core.models import Episode, episode_from_dict
from crampcoach.core.times import zone_name
from crampcoach.core.when import WhenError, parse_when
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.typed_app import CrampCoachAppAccess
from crampcoach.ui.widgets.error_lines import show_error_lines
from crampcoach.ui.widgets.footer import Footer
from crampcoach.ui.widgets.header import Header
from crampcoach.ui.widgets.intensity_picker import IntensityPicker
from crampcoach.ui.widgets.leg_picker import PLACE_KEYS, SIDE_KEYS, LegPicker
from crampcoach.ui.widgets.text_fields import NotesArea, TextInput

# Clickable shortcuts for the usual hours; kept out of the tab order so Enter and tab stay short.
QUICK_TIMES = ("23:00", "01:00", "02:00", "03:00", "04:00", "05:00")
LIST_FIELDS = ("triggers", "relief", "red_flags")
VOCABS = {"triggers": vocab.TRIGGERS, "relief": vocab.RELIEF, "red_flags": vocab.RED_FLAGS}
TITLES = {
    "triggers": "Triggers? (space ticks; a number starts the minutes)",
    "relief": "What helped",
    "red_flags": "Warning signs",
}
# Enter walks this order (the order on screen); on the last one it saves. The duration comes
# after the triggers so that the morning's numbers need no Enter between them.
ENTER_ORDER = ("leg", "when", "intensity", "triggers", "duration", "relief", "red_flags", "woke_me")
# A number key on a field that takes none types into this number field instead.
DIGITS_GO_TO = {"leg": "when", "triggers": "duration"}
ERROR_FIELD = {"duration_min": "duration", "duration_s": "duration", "started_at": "when"}
# Where each field's message goes: under the widget that holds the field.
ERROR_AFTER = {
    "side": "leg",
    "locations": "leg",
    "when": "when-preview",
    "intensity": "intensity",
    "duration": "duration",
    "triggers": "triggers",
    "relief": "relief",
    "red_flags": "red_flags",
    "notes": "notes",
}
DIGITS = "1234567890"


def _quick_links() -> str:
    """'or click: now 23:00 01:00 …' as links to the form's quick_time action."""
    links = [f"[@click=screen.quick_time('{t}')]{t}[/]" for t in ("now", *QUICK_TIMES)]
    return "or click:  " + "  ".join(links)


class LogFormScreen(FreshStyles, CrampCoachAppAccess, Screen[Episode | None]):
    AUTO_FOCUS = "#leg"  # focused as the screen is built (ui/fresh_styles.py)
    SUB_TITLE = "Log a cramp"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save", priority=True),
        Binding("escape", "cancel", "Cancel", id="cancel"),
        Binding("enter", "enter", "Next field", show=False, priority=True),
        # One key per choice while no text field has the cursor (they type there).
        *(Binding(k, f"pick('{k}')", show=False, priority=True) for k in SIDE_KEYS | PLACE_KEYS),
        *(Binding(d, f"digit('{d}')", show=False, priority=True) for d in DIGITS),
    ]

    def __init__(self, episode: Episode | None = None) -> None:
        super().__init__()
        self.editing = episode
        self._initial: dict[str, Any] | None = None
        self._saving = False
        self._asked_missing = False
        # What the lower fields hold until they are mounted (and start with once they are).
        self._rest_mounted = False
        self._rest_start: dict[str, Any] = {
            "relief": tuple(episode.relief) if episode else (),
            "red_flags": tuple(episode.red_flags) if episode else (),
            "woke_me": True if episode is None else episode.woke_me,
            "notes": episode.notes if episode else "",
        }

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        app = self.cc_app
        ep = self.editing
        if ep is None:
            last = app.journal_read(lambda journal: journal.last_episode())
            side, locations = (last.side, last.locations) if last else (None, ())
            when = ""  # empty is now (the placeholder says so); typing needs no deleting
        else:
            side, locations = ep.side, ep.locations
            when = ep.started_at.astimezone(app.zone).strftime("%Y-%m-%d %H:%M")
        yield Header(icon="")
        with VerticalScroll(id="form"):
            yield LegPicker(side, locations, prefilled=ep is None, id="leg")

            yield Label("When did it start? (310 or 03:10 moves on)", classes="field-label")
            yield TextInput(
                when,
                id="when",
                placeholder="now — or 310, 03:10, yesterday 23:40",
                compact=True,
                select_on_focus=ep is not None,
            )
            yield Static(id="when-preview", classes="hint")
            # One line of links, not seven buttons: clickable, out of the tab order, and cheap.
            yield Static(_quick_links(), id="quick", classes="hint")

            yield IntensityPicker(ep.intensity if ep else None, id="intensity")

            yield from self._choices("triggers")
            yield Label("How long, in minutes?", classes="field-label")
            yield TextInput(
                "" if ep is None or ep.duration_s is None else f"{ep.duration_s / 60:g}",
                id="duration",
                placeholder="e.g. 2 or 0.5 (leave empty if unsure)",
                compact=True,
            )
        yield Footer()

    def _choices(self, name: str) -> ComposeResult:
        chosen = getattr(self.editing, name) if self.editing else ()
        yield Label(TITLES[name], classes="field-label")
        yield SelectionList[str](
            *[(vocab.label(v), v, v in chosen) for v in VOCABS[name]],
            id=name,
            classes="choices",
        )

    def _rest(self) -> ComposeResult:
        """The fields below the first screenful: mounted just after the first frame."""
        ep = self.editing
        yield from self._choices("relief")
        yield from self._choices("red_flags")
        # A new entry starts ticked (a logged cramp mostly did wake you) and says so.
        woke = "It woke me up" if ep is not None else "It woke me up (ticked for you)"
        yield Checkbox(woke, value=self._rest_start["woke_me"], id="woke_me")
        yield Label("Notes", classes="field-label")
        yield NotesArea(self._rest_start["notes"], id="notes", soft_wrap=True)
        yield Static("ctrl+s saves from anywhere · escape cancels", classes="hint")

    def _mount_rest(self) -> None:
        self.query_one("#form").mount_all(list(self._rest()))
        self._rest_mounted = True

    def on_mount(self) -> None:
        if self.editing is not None:
            self.sub_title = "Edit an episode"
        self._preview()
        self._initial = self._collect()
        self.call_after_refresh(self._mount_rest)

    # ------------------------------------------------------------ keys

    def _typing(self) -> bool:
        return isinstance(self.focused, Input | TextArea)

    def action_pick(self, key: str) -> None:
        if self._typing():
            raise SkipAction()
        self.query_one("#leg", LegPicker).press(key)

    def action_digit(self, digit: str) -> None:
        if self._typing():
            raise SkipAction()
        focused = self.focused
        if isinstance(focused, IntensityPicker):
            if focused.press(digit) is not None:
                self.set_focus(self.query_one("#triggers"))
            return
        target = DIGITS_GO_TO.get(focused.id or "") if focused is not None else None
        if target is None:
            raise SkipAction()
        # On the leg picker a number starts the time (0310, 03:10…); on the trigger list, the
        # minutes. The field is empty then (a new entry) or its old value is replaced.
        field = self.query_one(f"#{target}", Input)
        field.value = digit
        field.cursor_position = len(field.value)
        # Selecting on this focus would let the next digit replace the first.
        selects = field.select_on_focus
        field.select_on_focus = False
        self.set_focus(field)  # at once, not after the queue: the next key goes there
        self.call_after_refresh(setattr, field, "select_on_focus", selects)

    def action_enter(self) -> None:
        focused = self.focused
        if isinstance(focused, TextArea | Button):
            raise SkipAction()
        name = focused.id if focused is not None else None
        if name not in ENTER_ORDER:
            raise SkipAction()
        index = ENTER_ORDER.index(name)
        following = (
            self.query(f"#{ENTER_ORDER[index + 1]}") if index + 1 < len(ENTER_ORDER) else None
        )
        if following is None:
            self.action_save()
        elif following:  # not yet mounted in the first frame: stay
            following.first().focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "when":
            self._preview()
            # Typed (not set by the form), and can only mean one time: no Enter needed.
            if event.input.has_focus and time_is_complete(event.value.strip()):
                self.set_focus(self.query_one("#intensity"))

    def _preview(self) -> None:
        """Show which day and night the typed time lands on, before saving."""
        app = self.cc_app
        text = self.query_one("#when", Input).value
        now = app.now()
        try:
            res = parse_when(text or "now", now, app.zone, app.settings.night_boundary_hour)
            line = when_preview(res.instant, app.zone, app.settings.night_boundary_hour, now)
        except WhenError:
            line = "→ (not a time yet)"
        self.query_one("#when-preview", Static).update(line)

    # ------------------------------------------------------------ reading the form

    def _collect(self) -> dict[str, Any]:
        leg = self.query_one("#leg", LegPicker)
        data: dict[str, Any] = {
            "when": self.query_one("#when", Input).value.strip(),
            "duration_min": self.query_one("#duration", Input).value.strip(),
            "side": leg.side,
            "locations": leg.locations,
            "intensity": self.query_one("#intensity", IntensityPicker).value,
            "triggers": tuple(self.query_one("#triggers", SelectionList).selected),
        }
        if not self._rest_mounted:  # ctrl+s in the first frame: the lower fields as they start
            return data | {
                k: tuple(v) if k in LIST_FIELDS else v for k, v in self._rest_start.items()
            }
        data["woke_me"] = self.query_one("#woke_me", Checkbox).value
        data["notes"] = self.query_one("#notes", TextArea).text
        for name in ("relief", "red_flags"):
            data[name] = tuple(self.query_one(f"#{name}", SelectionList).selected)
        return data

    @property
    def changed(self) -> bool:
        return self._initial is not None and self._collect() != self._initial

    def action_quick_time(self, text: str) -> None:
        self.query_one("#when", Input).value = text

    # ------------------------------------------------------------ saving

    def _show_problems(self, problems: list[Problem]) -> None:
        """Each message under its field (``ui/widgets/error_lines``)."""
        messages = {
            ERROR_FIELD.get(p.field, p.field): p.message
            for p in problems
            if ERROR_FIELD.get(p.field, p.field) in ERROR_AFTER
        }
        show_error_lines(self, messages, ERROR_AFTER)
        if problems:
            self.notify("Please check the marked fields.", severity="warning")

    def action_save(self) -> None:
        if self._saving:
            return
        data = self._collect()
        missing = missing_basics(data["side"], data["locations"])
        if missing and not self._asked_missing:
            # Asked once: a second ctrl+s saves as it is.
            self._asked_missing = True
            self._ask(
                f"Nothing noted for {' and '.join(missing)}. Save anyway?",
                lambda: self._save(data),
                yes="Save anyway",
                no="Go back",
                on_no=lambda: self.query_one("#leg").focus(),
            )
            return
        self._save(data)

    def _ask(
        self,
        question: str,
        then: Any,
        *,
        yes: str,
        no: str,
        on_no: Any = None,
    ) -> None:
        from crampcoach.ui.screens.confirm import ConfirmScreen

        def answer(ok: bool | None) -> None:
            if ok:
                then()
            elif on_no is not None:
                on_no()

        self.app.push_screen(ConfirmScreen(question, yes=yes, no=no), answer)

    def _save(self, data: dict[str, Any]) -> None:
        app = self.cc_app
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

    def _build(self, data: dict[str, Any], started: datetime) -> Episode | None:
        app = self.cc_app
        raw = dict(data)
        raw.pop("when")
        raw["started_at"] = started
        raw["tz"] = zone_name(started.tzinfo) or zone_name(app.zone)
        if self.editing is not None:
            raw["id"] = self.editing.id
            raw["source"] = self.editing.source
        try:
            return episode_from_dict(raw, now=app.now())
        except ValidationError as exc:
            self._show_problems(exc.problems)
            return None

    def _finish(self, data: dict[str, Any], started: datetime, note: str | None) -> None:
        from crampcoach.core.duplicates import SAME_CRAMP_WINDOW, find_duplicates

        app = self.cc_app
        episode = self._build(data, started)
        if episode is None:
            return
        self._show_problems([])
        nearby = app.journal_read(
            lambda journal: journal.episodes_since(started - SAME_CRAMP_WINDOW - timedelta(hours=1))
        )
        if nearby is None:
            return
        same = find_duplicates(episode, nearby)
        if same:
            from crampcoach.ui.format import episode_line

            boundary = app.settings.night_boundary_hour
            self._ask(
                f"Already logged: {episode_line(same[0], app.zone, app.now(), boundary)}. "
                "Is this another cramp?",
                lambda: self._write(episode, note),
                yes="Save another",
                no="Go back",
            )
            return
        self._write(episode, note)

    def _write(self, episode: Episode, note: str | None) -> None:
        app = self.cc_app
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
        from crampcoach.ui.format import episode_line

        done = "Updated" if self.editing else "Saved"
        line = episode_line(saved, app.zone, app.now(), app.settings.night_boundary_hour)
        app.notify(f"{done}: {line}." + (f" {note}" if note else ""))
        self.dismiss(saved)
        from crampcoach.ui.screens.advice_notice import show_advice_after_log

        show_advice_after_log(app, saved)

    def action_cancel(self) -> None:
        from crampcoach.ui.screens.confirm import dismiss_unless_changed

        dismiss_unless_changed(
            self, self.changed, "Discard what you typed?", yes="Discard", no="Keep editing"
        )
