"""First aid now: where does it hurt (one key), the matching routine at once, then one
question screen to say how it went and one key to save the episode.

The rules (keys, the cramp's clock, the length offered, the safety net, relief, the episode)
live in ``crampcoach.core.first_aid`` and ``crampcoach.core.relief``; where the episode is kept
(journal, side file, or the screen) in ``crampcoach.store.pending``. This module only wires
them. First aid never needs the journal: it plays and keeps the episode with a broken one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Header, Input, SelectionList, Static

from crampcoach.core import vocab
from crampcoach.core.errors import ValidationError
from crampcoach.core.first_aid import (
    IN_BED_KEY,
    IN_BED_ROUTINE,
    IN_BED_WORDS,
    LOCATION_KEYS,
    LOCATION_WORDS,
    CrampClock,
    duration_words,
    first_aid_episode,
    intensity_from_key,
    longer_duration,
    next_side,
    numbers_of,
    parse_duration_text,
    safety_net_lines,
    shorter_duration,
)
from crampcoach.core.models import Episode, episode_from_dict
from crampcoach.core.relief import merge_relief
from crampcoach.core.routines import Routine
from crampcoach.core.times import zone_name
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.screens.player import PlayerScreen, PlayResult
from crampcoach.ui.text import user_text
from crampcoach.ui.typed_app import CrampCoachAppAccess
from crampcoach.ui.widgets.cramp_clock import CrampClockPanel
from crampcoach.ui.widgets.footer import Footer
from crampcoach.ui.widgets.text_fields import TextInput

RELIEF_WORDS = {
    "stretch": "stretching",
    "massage": "rubbing",
    "walk": "walking",
    "stand-on-cold-floor": "standing on a cool floor",
    "warmth": "warmth",
    "cold": "cold",
    "legs-raised": "legs raised",
    "other": "something else",
}
SIDE_WORDS = {None: "not said", "left": "left", "right": "right", "both": "both"}


@dataclass(frozen=True)
class Answers:
    """What the question screen holds; kept between rounds (again, after-cramp routine)."""

    passed: bool | None = None
    intensity: int | None = None
    side: str | None = None
    duration_s: int | None = None  # None: the cramp clock's own figure
    relief: tuple[str, ...] | None = None  # None: what the routines' steps say


@dataclass(frozen=True)
class PassedAnswer:
    """What the question dismisses with: "save", "discard", "again" or "recovery"."""

    action: str
    answers: Answers


class FirstAidScreen(FreshStyles, CrampCoachAppAccess, Screen[None]):
    CSS_PATH = "../styles/first_aid.tcss"
    SUB_TITLE = "First aid now"
    BINDINGS = [
        *(
            Binding(key, f"where('{loc}')", LOCATION_WORDS[loc], show=False, id=f"where-{loc}")
            for key, loc in LOCATION_KEYS.items()
        ),
        Binding(IN_BED_KEY, "in_bed", IN_BED_WORDS, show=False, id="where-in-bed"),
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self, location: str | None = None) -> None:
        super().__init__()
        self.location = location
        self.routine: Routine | None = None
        self.plays: list[PlayResult] = []
        self.started_at: datetime | None = None
        self.cramp: CrampClock | None = None
        self.answers = Answers()
        self.kept: Any = None  # the store's Kept, once saved

    def compose(self) -> ComposeResult:
        app = self.cc_app
        # First aid began when the user asked for it: the cramp's clock starts here.
        self.started_at = app.now()
        self.cramp = CrampClock(app.monotonic)
        yield Header(icon="")
        with VerticalScroll(id="first-aid", can_focus=False):
            yield CrampClockPanel(self.cramp, id="cramp-clock")
            if self.location is None:
                yield Static("Where does it hurt?", id="where-question")
                yield Static("Press one number.", id="where-hint")
                with Grid(id="where-grid"):
                    for key, loc in LOCATION_KEYS.items():
                        yield Button(
                            f"{key}   {LOCATION_WORDS[loc]}", id=f"loc-{loc}", classes="where"
                        )
                    yield Button(f"{IN_BED_KEY}   {IN_BED_WORDS}", id="loc-in-bed", classes="where")
                yield Static("escape goes back", classes="hint", id="where-back")
            yield Static(id="first-aid-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        if self.location is not None:
            self.call_after_refresh(self._begin, self.location)

    # ------------------------------------------------------------ where

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button_id = event.button.id or ""
        if button_id == "loc-in-bed":
            event.stop()
            self.action_in_bed()
        elif button_id.startswith("loc-"):
            event.stop()
            self.action_where(button_id.removeprefix("loc-"))

    def action_where(self, location: str) -> None:
        if self.routine is None:
            self._begin(location)

    def action_in_bed(self) -> None:
        if self.routine is None:
            self._begin("calf", routine_id=IN_BED_ROUTINE)

    def _begin(self, location: str, routine_id: str | None = None) -> None:
        app = self.cc_app
        self.location = location
        routine = app.catalog.get(routine_id) if routine_id else None
        routine = routine or app.catalog.first_aid_for(location)
        if routine is None:
            self.query_one("#first-aid-status", Static).update(
                "No first-aid routine is installed. Stretch the muscle gently and rub it."
            )
            return
        self.routine = routine
        for widget in self.query("#where-question, #where-hint, #where-grid, #where-back"):
            widget.display = False
        self.query_one("#first-aid-status", Static).update(
            user_text(f"First aid: {routine.title}. Press escape to go back.")
        )
        self._play(routine)

    def action_back(self) -> None:
        self.dismiss(None)

    # ------------------------------------------------------------ playing and asking

    def _play(self, routine: Routine) -> None:
        assert self.cramp is not None
        self.cramp.run()
        self.app.push_screen(
            PlayerScreen(routine, close_when_done=True, cramp=self.cramp), self._played
        )

    def _played(self, result: PlayResult | None) -> None:
        assert self.cramp is not None
        # The routine ended: from here the question may sit open; that time never counts.
        self.cramp.hold(result.ended_clock if result is not None else None)
        if result is not None:
            self.plays.append(result)
        self._ask()

    def _ask(self) -> None:
        assert self.cramp is not None
        title = self.routine.title if self.routine else "the first aid"
        self.app.push_screen(
            PassedScreen(
                title,
                self.cramp,
                suggested_relief=self.relief(),
                has_recovery=self._recovery() is not None,
                answers=self.answers,
            ),
            self._answered,
        )

    def _recovery(self) -> Routine | None:
        app = self.cc_app
        return app.catalog.get("recovery") or next(iter(app.catalog.of_kind("recovery")), None)

    def _answered(self, answer: PassedAnswer | None) -> None:
        if answer is None:
            answer = PassedAnswer("discard", self.answers)
        self.answers = answer.answers
        if answer.action == "discard":
            self._leave_unsaved()
        elif answer.action == "again" and self.routine is not None:
            self._play(self.routine)
        elif answer.action == "recovery" and (recovery := self._recovery()) is not None:
            self._play(recovery)
        else:
            self._save()

    def _leave_unsaved(self) -> None:
        assert self.cramp is not None
        lines = safety_net_lines(self.duration_s(), numbers_of(self.cc_app.settings))
        self.dismiss(None)
        if lines:  # not saved, but a long cramp still gets what to do now
            self.app.push_screen(KeptScreen("Nothing was saved.", lines))
        else:
            self.app.notify("Nothing saved.", timeout=3)

    def relief(self) -> tuple[str, ...]:
        return merge_relief(*(play.relief for play in self.plays))

    def duration_s(self) -> int:
        assert self.cramp is not None
        if self.answers.duration_s is not None:
            return self.answers.duration_s
        return max(0, min(vocab.DURATION_MAX_S, round(self.cramp.elapsed())))

    def episode(self) -> Episode:
        app = self.cc_app
        started = self.started_at or app.now()
        relief = self.answers.relief if self.answers.relief is not None else self.relief()
        raw = first_aid_episode(
            started_at=started,
            duration_s=self.duration_s(),
            location=self.location,
            relief=relief,
            tz=zone_name(started.tzinfo) or zone_name(app.zone),
            intensity=self.answers.intensity,
            side=self.answers.side,
            passed=self.answers.passed,
        )
        return episode_from_dict(raw, now=app.now())

    def _save(self) -> None:
        app = self.cc_app
        try:
            episode = self.episode()
        except ValidationError as exc:  # a bug, not the user's doing: say so, keep the app
            app.notify(str(exc), title="Not saved", severity="error", timeout=15)
            self.dismiss(None)
            return
        runs = [
            play.run(zone_name(play.started_at.tzinfo) or zone_name(app.zone))
            for play in self.plays
        ]
        self.kept = kept = app.keep_first_aid(episode, runs)
        self.dismiss(None)
        if kept.where == "journal":
            app.notify("Saved to your journal.", timeout=4)
            from crampcoach.ui.screens.advice_notice import show_advice_after_log

            show_advice_after_log(app, episode)
            return
        lines = safety_net_lines(episode.duration_s or 0, numbers_of(app.settings))
        if kept.where == "pending":
            head = (
                f"Kept safely in {kept.path}. The journal could not take it ({kept.why}); "
                "it will be added the next time the journal opens."
            )
            app.push_screen(KeptScreen(head, lines))
        else:
            head = f"Not saved: {kept.why}. Please write this down and log it later:"
            app.push_screen(KeptScreen(head, (*record_lines(episode, app.zone), "", *lines)))


def record_lines(episode: Episode, zone: Any) -> tuple[str, ...]:
    """The episode in plain words, to log by hand when nothing could be written."""
    when = episode.started_at.astimezone(zone).strftime("%a %d %b %Y %H:%M")
    relief = ", ".join(episode.relief) or "nothing noted"
    return (
        f"  when: {when}",
        f"  how long: {duration_words(episode.duration_s or 0)}",
        f"  where: {episode.side or 'side not said'} {', '.join(episode.locations) or '—'}",
        f"  how strong: {episode.intensity or 'not said'}",
        f"  what helped: {relief}",
        f"  crampcoach log --at {episode.started_at.isoformat(timespec='minutes')} "
        f"--duration {round((episode.duration_s or 0) / 60, 1)}",
    )


class KeptScreen(FreshStyles, ModalScreen[None]):
    """Where the episode went when it is not in the journal, and the safety net if long."""

    CSS_PATH = "../styles/first_aid.tcss"
    BINDINGS = [Binding("escape,enter", "close", "Close", id="close")]

    def __init__(self, head: str, lines: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.head = head
        self.lines = lines

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="kept-dialog"):
            yield Static(user_text(self.head), id="kept-head")
            yield Static(user_text("\n".join(self.lines)), id="kept-lines")
            yield Static("enter or escape closes", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)


def _choice(key: str, words: str, chosen: bool) -> Text:
    text = Text()
    if chosen:
        text.append(f" {key} {words} ", style="reverse bold")
    else:
        text.append(key, style="bold")
        text.append(f" {words} ")
    return text


LABEL_WIDTH = 16


def _label(words: str) -> Text:
    """A question in its own column, so the answers line up."""
    return Text(words.ljust(LABEL_WIDTH), style="bold")


def _keys(*parts: tuple[str, str]) -> Text:
    """ "key words" pairs with the key in bold, our own words only."""
    text = Text()
    for i, (key, words) in enumerate(parts):
        if i:
            text.append("  ·  ")
        text.append(key, style="bold")
        text.append(f" {words}")
    return text


class PassedScreen(FreshStyles, ModalScreen[PassedAnswer]):
    """Has it passed, how long, how strong, which leg, what helped: one key each; enter saves.

    None of the player's keys (n, b, r, v, space, arrows) means anything here, so a key
    pressed as the routine ends cannot answer for the user.
    """

    CSS_PATH = "../styles/first_aid.tcss"
    BINDINGS = [
        Binding("y", "passed(True)", "It has passed", show=False, id="passed-yes"),
        Binding("s", "passed(False)", "Still cramping", show=False, id="passed-no"),
        *(
            Binding(str(d), f"strength({d})", str(d), show=False, id=f"strength-{d}")
            for d in range(10)
        ),
        Binding("l", "side", "Which leg", show=False, id="side"),
        Binding("minus", "shorter", "It eased sooner", show=False, id="shorter"),
        Binding("plus,equals_sign", "longer", "It lasted longer", show=False, id="longer"),
        Binding("t", "type_duration", "Type how long", show=False, id="type-duration"),
        Binding("h", "relief", "What helped", show=False, id="relief"),
        Binding("a", "again", "Again", id="again"),
        Binding("w", "recovery", "After-cramp routine", id="recovery"),
        Binding("enter", "save", "Save", id="save"),
        Binding("escape", "leave", "Leave", id="leave"),
    ]

    def __init__(
        self,
        routine_title: str,
        cramp: CrampClock,
        *,
        suggested_relief: tuple[str, ...] = (),
        has_recovery: bool = True,
        answers: Answers = Answers(),
    ) -> None:
        super().__init__()
        self.routine_title = routine_title
        self.cramp = cramp
        self.suggested_relief = suggested_relief
        self.has_recovery = has_recovery
        self.answers = answers
        self._asking = False

    # The old attribute names, read by tests and snapshots.
    @property
    def passed(self) -> bool | None:
        return self.answers.passed

    @property
    def intensity(self) -> int | None:
        return self.answers.intensity

    @property
    def side(self) -> str | None:
        return self.answers.side

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="passed-dialog"):
            yield CrampClockPanel(self.cramp, id="cramp-clock")
            yield Static(id="passed-line", classes="row")
            yield Static(id="duration-line", classes="row")
            yield Static(id="strength-line", classes="row")
            yield Static(id="side-line", classes="row")
            yield Static(id="relief-line", classes="row")
            with Vertical(id="not-yet"):
                yield Static("Still cramping? That happens. You can:", classes="ask")
                yield Static(id="not-yet-line")
            yield Static(
                _keys(("enter", "save to your journal"), ("escape", "leave (asks first)")),
                id="save-line",
            )
        yield Footer()

    def on_mount(self) -> None:
        self._draw()
        # While "still cramping", the clock runs and the length offered follows it.
        self.set_interval(0.5, self._draw_duration)

    # ------------------------------------------------------------ drawing

    def duration_s(self) -> int:
        if self.answers.duration_s is not None:
            return self.answers.duration_s
        return max(0, min(vocab.DURATION_MAX_S, round(self.cramp.elapsed())))

    def relief(self) -> tuple[str, ...]:
        return self.answers.relief if self.answers.relief is not None else self.suggested_relief

    def _draw_duration(self) -> None:
        seconds = self.duration_s()
        own = self.answers.duration_s is None
        text = _label("How long?")
        text.append(f" about {duration_words(seconds)} ", style="reverse bold")
        text.append("  (enter keeps it)" if own else "  (your figure)")
        text.append("\n" + " " * LABEL_WIDTH)
        text.append_text(
            _keys(
                ("-", f"sooner ({duration_words(shorter_duration(seconds))})"),
                ("+", f"longer ({duration_words(longer_duration(seconds))})"),
                ("t", "type it"),
            )
        )
        self.query_one("#duration-line", Static).update(text)

    def _draw(self) -> None:
        a = self.answers
        line = _label("Has it passed?")
        line.append_text(_choice("y", "yes", a.passed is True))
        line.append("   ")
        line.append_text(_choice("s", "still cramping", a.passed is False))
        self.query_one("#passed-line", Static).update(line)
        self._draw_duration()
        strength = _label("How strong?")
        if a.intensity is None:
            strength.append_text(_keys(("1", "mild … "), ("9", "strong"), ("0", "= 10, the worst")))
        else:
            strength.append(f" {a.intensity} of 10 ", style="reverse bold")
            strength.append("   (another number changes it)")
        self.query_one("#strength-line", Static).update(strength)
        side = _label("Which leg?")
        side.append("l", style="bold")
        side.append(" changes it:")
        for option in ("left", "right", "both"):
            side.append_text(_choice("", option, a.side == option))
        side.append("  (optional)")
        self.query_one("#side-line", Static).update(side)
        relief = self.relief()
        helped = _label("What helped?")
        words = ", ".join(RELIEF_WORDS[r] for r in relief) or "nothing noted"
        helped.append(f" {words} ", style="reverse bold")
        helped.append("  (enter keeps it)  ·  ")
        helped.append("h", style="bold")
        helped.append(" change")
        self.query_one("#relief-line", Static).update(helped)
        again = _keys(("a", "play it again"))
        again.append(" (")
        again.append_text(user_text(self.routine_title))
        again.append(")")
        if self.has_recovery:
            again.append("\n")
            again.append_text(_keys(("w", "after-cramp routine: walk, warmth or cold, legs up")))
        self.query_one("#not-yet-line", Static).update(again)
        self.query_one("#not-yet").display = a.passed is False
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "again":
            return self.answers.passed is False
        if action == "recovery":
            return self.answers.passed is False and self.has_recovery
        return True

    def _set(self, **changes: Any) -> None:
        self.answers = replace(self.answers, **changes)
        self._draw()

    # ------------------------------------------------------------ keys

    def action_passed(self, value: bool) -> None:
        if value:
            self.cramp.hold()  # it passed: the cramp's length stops here
        else:
            self.cramp.run()  # still cramping: the clock runs on from now
        self._set(passed=value)

    def action_strength(self, digit: int) -> None:
        self._set(intensity=intensity_from_key(str(digit)))

    def action_side(self) -> None:
        self._set(side=next_side(self.answers.side))

    def action_shorter(self) -> None:
        self._set(duration_s=shorter_duration(self.duration_s()))

    def action_longer(self) -> None:
        self._set(duration_s=longer_duration(self.duration_s()))

    def action_type_duration(self) -> None:
        def typed(seconds: int | None) -> None:
            if seconds is not None:
                self._set(duration_s=seconds)

        self.app.push_screen(DurationScreen(self.cramp), typed)

    def action_relief(self) -> None:
        def chosen(relief: tuple[str, ...] | None) -> None:
            if relief is not None:
                self._set(relief=relief)

        self.app.push_screen(ReliefScreen(self.cramp, self.relief()), chosen)

    def action_again(self) -> None:
        self.dismiss(PassedAnswer("again", self.answers))

    def action_recovery(self) -> None:
        self.dismiss(PassedAnswer("recovery", self.answers))

    def action_save(self) -> None:
        self.dismiss(PassedAnswer("save", self.answers))

    def confirm_quit(self) -> bool:
        """ctrl+q asks like escape; on the asking screen a second ctrl+q quits."""
        self.action_leave()
        return True

    def action_leave(self) -> None:
        if self._asking:
            return

        def answer(choice: str | None) -> None:
            self._asking = False
            if choice in ("save", "discard"):
                self.dismiss(PassedAnswer(choice, self.answers))

        self._asking = True
        self.app.push_screen(SaveOrLeaveScreen(self.cramp), answer)


class SaveOrLeaveScreen(FreshStyles, ModalScreen[str]):
    """Escape on the question: save first, leave without saving, or go back."""

    CSS_PATH = "../styles/first_aid.tcss"
    BINDINGS = [
        Binding("enter", "choose('save')", "Save and leave", id="save-leave"),
        Binding("x", "choose('discard')", "Leave without saving", id="discard"),
        Binding("escape", "choose('back')", "Back", id="back"),
    ]

    def __init__(self, cramp: CrampClock) -> None:
        super().__init__()
        self.cramp = cramp

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="save-or-leave"):
            yield CrampClockPanel(self.cramp, id="cramp-clock")
            yield Static("Save this cramp before you go?", classes="ask")
            yield Static(
                _keys(("enter", "save it"), ("x", "leave without saving"), ("escape", "back"))
            )

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class DurationScreen(FreshStyles, ModalScreen[int | None]):
    """Type how long it lasted: minutes (4, 4.5), m:ss (4:30) or seconds (90 s)."""

    CSS_PATH = "../styles/first_aid.tcss"
    BINDINGS = [Binding("escape", "cancel", "Back", id="cancel")]

    def __init__(self, cramp: CrampClock) -> None:
        super().__init__()
        self.cramp = cramp

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="duration-dialog"):
            yield CrampClockPanel(self.cramp, id="cramp-clock")
            yield Static("How long did it last? Minutes (4), m:ss (4:30) or seconds (90 s).")
            yield TextInput(id="duration-input", placeholder="minutes")
            yield Static(id="duration-error", markup=False)
            yield Static(_keys(("enter", "use it"), ("escape", "back")))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        seconds = parse_duration_text(event.value)
        if seconds is None:
            self.query_one("#duration-error", Static).update(
                "Type minutes like 4 or 4.5, 4:30, or seconds like 90 s (up to a day)."
            )
            return
        self.dismiss(seconds)

    def confirm_quit(self) -> bool:
        self.dismiss(None)  # back to the question, which asks before anything is lost
        return True

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReliefScreen(FreshStyles, ModalScreen[tuple[str, ...] | None]):
    """What helped: the steps done, ticked; space changes one, enter keeps the list."""

    CSS_PATH = "../styles/first_aid.tcss"
    BINDINGS = [
        Binding("enter", "done", "Keep this", id="relief-done", priority=True),
        Binding("escape", "cancel", "Back", id="cancel"),
    ]

    def __init__(self, cramp: CrampClock, relief: tuple[str, ...]) -> None:
        super().__init__()
        self.cramp = cramp
        self.relief = relief

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="relief-dialog"):
            yield CrampClockPanel(self.cramp, id="cramp-clock")
            yield Static("What helped?", classes="ask")
            yield SelectionList[str](
                *((RELIEF_WORDS[r], r, r in self.relief) for r in vocab.RELIEF),
                id="relief-list",
            )
            yield Static(_keys(("space", "tick or untick"), ("enter", "keep"), ("escape", "back")))

    def selected(self) -> tuple[str, ...]:
        chosen = set(self.query_one("#relief-list", SelectionList).selected)
        return tuple(r for r in vocab.RELIEF if r in chosen)

    def action_done(self) -> None:
        self.dismiss(self.selected())

    def confirm_quit(self) -> bool:
        self.dismiss(None)  # back to the question, which asks before anything is lost
        return True

    def action_cancel(self) -> None:
        self.dismiss(None)
