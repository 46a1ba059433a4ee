"""The profile: age band, pregnancy, conditions and medicines that tailor the doctor advice.

All of it is optional and stays in the journal on this computer.
"""

from __future__ import annotations

from typing import TypedDict

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, Static

from crampcoach.core import vocab
from crampcoach.core.models import MEDICINES_OTHER_MAX as OTHER_MAX
from crampcoach.core.models import Profile
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.text import user_text
from crampcoach.ui.typed_app import CrampCoachAppAccess
from crampcoach.ui.widgets.footer import Footer
from crampcoach.ui.widgets.header import Header
from crampcoach.ui.widgets.text_fields import TextInput

PRIVACY_NOTE = (
    "Used only on this computer, to tailor the doctor advice. Never stop a medicine on your own."
)
AGE_LABELS = {
    "under-30": "under 30",
    "30-44": "30–44",
    "45-59": "45–59",
    "60-74": "60–74",
    "75-plus": "75 or older",
}
CONDITION_LABELS = {"thyroid": "thyroid disease"}
MEDICINE_LABELS = {"other": "another medicine (write it below)"}


class ProfileForm(TypedDict):
    """The form's values, as the profile validator reads them."""

    age_band: str | None
    pregnant: bool
    conditions: tuple[str, ...]
    medicines: tuple[str, ...]
    medicines_other: str


class ProfileScreen(FreshStyles, CrampCoachAppAccess, Screen[Profile | None]):
    AUTO_FOCUS = "#age_band"  # focused as the screen is built (ui/fresh_styles.py)
    SUB_TITLE = "Profile"
    CSS_PATH = "../styles/profile.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save", priority=True),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.profile = Profile()
        self._initial: ProfileForm | None = None

    def compose(self) -> ComposeResult:
        app = self.cc_app
        loaded = app.journal_read(lambda journal: journal.profile())
        if loaded is not None:
            self.profile = loaded
        p = self.profile
        yield Header(icon="")
        with VerticalScroll(id="profile-form"):
            yield Static(PRIVACY_NOTE, id="profile-note")
            yield Label("Age", classes="field-label")
            yield Select[str](
                [(AGE_LABELS.get(a, a), a) for a in vocab.AGE_BANDS],
                value=p.age_band or Select.NULL,
                prompt="prefer not to say",
                id="age_band",
                compact=True,
            )
            yield Checkbox("I am pregnant", value=p.pregnant, id="pregnant", compact=True)
            yield Label("Health conditions", classes="field-label")
            yield SelectionList[str](
                *[
                    (CONDITION_LABELS.get(c, vocab.label(c)), c, c in p.conditions)
                    for c in vocab.CONDITIONS
                ],
                id="conditions",
                classes="choices",
            )
            yield Label("Medicines you take", classes="field-label")
            yield SelectionList[str](
                *[
                    (MEDICINE_LABELS.get(m, vocab.label(m)), m, m in p.medicines)
                    for m in vocab.MEDICINE_KINDS
                ],
                id="medicines",
                classes="choices",
            )
            yield Label("Other medicines, in your words (optional)", classes="field-label")
            yield TextInput(
                p.medicines_other,
                id="medicines_other",
                placeholder="e.g. a new tablet since March",
                max_length=OTHER_MAX,
            )
            yield Static(id="err-medicines_other", classes="error")
            yield Static("ctrl+s saves · escape cancels · space ticks", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self._initial = self._collect()

    def _collect(self) -> ProfileForm:
        age = self.query_one("#age_band", Select).value
        return {
            "age_band": age if isinstance(age, str) else None,  # Select.NULL when not said
            "pregnant": self.query_one("#pregnant", Checkbox).value,
            "conditions": tuple(self.query_one("#conditions", SelectionList).selected),
            "medicines": tuple(self.query_one("#medicines", SelectionList).selected),
            "medicines_other": self.query_one("#medicines_other", Input).value.strip(),
        }

    @property
    def changed(self) -> bool:
        return self._initial is not None and self._collect() != self._initial

    def action_save(self) -> None:
        from crampcoach.core.errors import ValidationError
        from crampcoach.core.models import profile_from_dict

        data = self._collect()
        error = self.query_one("#err-medicines_other", Static)
        if len(data["medicines_other"]) > OTHER_MAX:
            error.update(f"At most {OTHER_MAX} characters fit.")
            return
        try:
            profile = profile_from_dict(data)
        except ValidationError as exc:
            error.update(user_text("; ".join(p.message for p in exc.problems)))
            return
        error.update("")
        app = self.cc_app
        saved = app.journal_write(lambda journal: journal.save_profile(profile))
        if saved is None:
            return
        app.notify("Profile saved. The doctor advice uses it from now on.")
        self.dismiss(saved)

    def action_cancel(self) -> None:
        from crampcoach.ui.screens.confirm import dismiss_unless_changed

        dismiss_unless_changed(
            self, self.changed, "Discard the changes to your profile?", yes="Discard", no="Keep"
        )
