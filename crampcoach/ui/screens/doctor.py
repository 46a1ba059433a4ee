"""Doctor advice: the level, every reason with its numbers, whom to see, and the visit report.

The rules live in ``crampcoach.core.doctor``; this screen only says what they found. The
wording comes from there too, so it never diagnoses and never says to stop a medicine.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from crampcoach.core.doctor import (
    DISCLAIMER,
    OWN_THRESHOLD_NOTE,
    Advice,
)
from crampcoach.core.patterns import format_night
from crampcoach.core.ranges import REPORT_NIGHTS
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.text import user_markup as escape  # also [$var], [link=…] and controls
from crampcoach.ui.typed_app import CrampCoachAppAccess
from crampcoach.ui.widgets.advice_parts import (
    LEVEL_TITLES,
    DoctorView,
    HelpPart,
    LevelPart,
    NotesPart,
    OwnThresholdPart,
    ProfilePart,
    QuietPart,
    ReasonsPart,
    WhomPart,
)
from crampcoach.ui.widgets.focus_scroll import FocusScroll
from crampcoach.ui.widgets.footer import Footer
from crampcoach.ui.widgets.header import Header

NOT_ADVICE = (
    "crampcoach is not medical advice and cannot examine you. If you feel unwell or are "
    "worried, contact your GP, or your local emergency number if it feels serious. "
    "Never stop or change a medicine on your own."
)


class DoctorScreen(FreshStyles, CrampCoachAppAccess, Screen[None]):
    AUTO_FOCUS = "#doctor"  # focused as the screen is built (ui/fresh_styles.py)
    SUB_TITLE = "Doctor advice"
    CSS_PATH = "../styles/doctor.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("p", "profile", "Profile", id="profile"),
        Binding("w", "write_report", "Write report", id="write-report"),
        Binding("l", "learn", "When to see a doctor", id="learn-doctor"),
        Binding("v", "doctor_seen", "I saw a doctor about this", id="doctor-seen"),
    ]

    # What every part shows; parts are bound to it (data_bind) and redraw themselves.
    view: reactive[DoctorView | None] = reactive(None)

    @property
    def advice(self) -> Advice | None:
        return None if self.view is None else self.view.advice

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with FocusScroll(id="doctor"):
            yield LevelPart(id="doctor-level").data_bind(DoctorScreen.view)
            yield Static("[b $primary]Why[/]", id="doctor-why")
            yield ReasonsPart(id="doctor-reasons").data_bind(DoctorScreen.view)
            yield WhomPart(id="doctor-whom").data_bind(DoctorScreen.view)
            yield HelpPart(id="doctor-help").data_bind(DoctorScreen.view)
            yield NotesPart(id="doctor-notes", classes="hint").data_bind(DoctorScreen.view)
            yield QuietPart(id="doctor-quiet", classes="hint").data_bind(DoctorScreen.view)
            yield OwnThresholdPart(OWN_THRESHOLD_NOTE, id="doctor-own", classes="hint").data_bind(
                DoctorScreen.view
            )
            yield ProfilePart(id="doctor-profile").data_bind(DoctorScreen.view)
            yield Static(
                f"[b]w[/b] writes a one-page summary of the last {REPORT_NIGHTS} nights "
                "to take to the visit · "
                "[b]v[/b] records that a doctor has seen this · "
                "[b]l[/b] explains when to see a doctor",
                id="doctor-keys",
            )
            yield Static(
                escape(f"{DISCLAIMER} {NOT_ADVICE}"), id="doctor-disclaimer", classes="hint"
            )
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_advice()

    def on_screen_resume(self) -> None:
        # The profile or the thresholds may have changed meanwhile.
        self.refresh_advice()

    def refresh_advice(self) -> None:
        from crampcoach.advice_text import current_advice

        app = self.cc_app
        now = app.now()
        result = app.journal_read(lambda journal: (current_advice(journal, now), journal.profile()))
        if result is None:
            return
        advice, profile = result
        self.view = DoctorView(advice, profile)
        self.sub_title = f"Doctor advice · {LEVEL_TITLES[advice.level].lower()}"

    # ------------------------------------------------------------ actions

    def action_back(self) -> None:
        self.dismiss(None)

    def action_profile(self) -> None:
        self.cc_app.action_profile()

    def action_learn(self) -> None:
        self.cc_app.action_learn("when-to-see-a-doctor")

    def action_doctor_seen(self) -> None:
        from crampcoach.ui.screens.doctor_seen import DoctorSeenScreen

        app = self.cc_app
        profile = app.journal_read(lambda journal: journal.profile())
        if profile is None:  # the read failed and the error screen says why
            return

        def saved(visit: Any) -> None:
            if visit is None:
                return
            if app.journal_write(lambda journal: journal.add_doctor_visit(visit)) is None:
                return
            app.notify(
                f"Visit on {format_night(visit.seen_on, year=True)} recorded. Routine advice "
                "given then stays quiet until something new comes up.",
                title="Saved",
            )
            self.refresh_advice()

        app.push_screen(DoctorSeenScreen(app.now().date(), profile), saved)

    async def action_write_report(self) -> None:
        """Ask where to write the visit report (a visible folder by default) and say where it
        went in a message that stays: the same screen as the palette's "Write the report"."""
        await self.app.run_action("app.report")
