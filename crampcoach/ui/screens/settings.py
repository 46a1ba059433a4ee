"""Settings: theme, bell and flash, timings, doctor thresholds, the data folder, export/import.

The theme applies (and is kept) at once; everything else waits for ctrl+s. A value that does
not make sense is explained beside its field and nothing is saved.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static

from crampcoach.core.doctor import THRESHOLDS
from crampcoach.core.form_rules import number_text, read_form  # the form's rules, in core
from crampcoach.core.models import Settings
from crampcoach.core.nights import DEFAULT_BOUNDARY_HOUR
from crampcoach.core.ranges import BOUNDARY_RANGE, GET_READY_RANGE
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.text import user_text
from crampcoach.ui.themes import THEME_LABELS
from crampcoach.ui.typed_app import CrampCoachAppAccess
from crampcoach.ui.widgets.error_lines import show_error_lines
from crampcoach.ui.widgets.footer import Footer
from crampcoach.ui.widgets.header import Header
from crampcoach.ui.widgets.presets import Checkbox, RadioButton, RadioSet
from crampcoach.ui.widgets.settings_sections import (
    FORMATS,
    SECTIONS,
    HelpNumbersSection,
    field_cells,
)
from crampcoach.ui.widgets.text_fields import TextInput

# Where each field's message goes: after the last cell of its grid row, or after its row.
ERROR_AFTER = {
    "get_ready": "def-get_ready",
    "boundary": "def-boundary",
    "out_of_hours": "def-out_of_hours",
    "emergency": "def-emergency",
    "patient_name": "name-row",
    **{f"th-{info.key}": f"def-th-{info.key}" for info in THRESHOLDS},
}


def _spoken_cues_row(on: bool) -> ComposeResult:
    """Spoken cues (v in the player); without a speech command, how to get one."""
    from crampcoach.speech import HOW_TO_GET, find_command

    yield Checkbox(
        "Spoken cues in routines (v in the player)", value=on, id="spoken_cues", compact=True
    )
    if find_command() is None:
        yield Static(HOW_TO_GET, classes="hint", id="speech-hint", markup=False)


def resolve_path(text: str, data_dir: Path) -> Path:
    """A typed path: ~ is the home folder; a bare name goes in the data folder."""
    path = Path(text.strip()).expanduser()
    return path if path.is_absolute() else data_dir / path


# ---------------------------------------------------------------- the screen


class SettingsScreen(FreshStyles, CrampCoachAppAccess, Screen[None]):
    SUB_TITLE = "Settings"
    # Focus lands here as the screen is built (see ui/fresh_styles.py on why not later).
    AUTO_FOCUS = "#theme"
    CSS_PATH = "../styles/settings.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save", priority=True),
        Binding("escape", "leave", "Back", id="back"),
        Binding("ctrl+r", "reset_thresholds", "Default thresholds", id="reset-thresholds"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._initial: dict[str, Any] | None = None
        # True while sections are still being mounted; escape meanwhile waits for the one
        # being mounted (Textual cannot take a screen down in the middle of a mount).
        self._building = True
        self._leave_asked = False

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        app = self.cc_app
        s: Settings = app.settings
        yield Header(icon="")
        with VerticalScroll(id="settings-form"):
            yield Static("Look and sound", classes="section")
            with Horizontal(classes="row"):
                yield Label("Theme", classes="short-label")
                with RadioSet(id="theme", compact=True):
                    for name, text in THEME_LABELS.items():
                        yield RadioButton(text, value=(name == app.theme), name=name)
            yield Static(
                "Night red keeps your eyes used to the dark. ctrl+t switches anywhere.",
                classes="hint",
            )
            with Horizontal(classes="row"):
                yield Checkbox("Bell at each step", value=s.bell, id="bell", compact=True)
                yield Checkbox("Flash at each step", value=s.flash, id="flash", compact=True)
            yield from _spoken_cues_row(s.spoken_cues)
            with Grid(classes="fields", id="timing-fields"):
                yield from field_cells(
                    "Get-ready time before a routine (seconds)",
                    TextInput(str(s.get_ready_s), id="get_ready", compact=True, classes="number"),
                    "{}–{}".format(*GET_READY_RANGE),
                )
                yield from field_cells(
                    "Nights begin and end at this hour",
                    TextInput(
                        str(s.night_boundary_hour), id="boundary", compact=True, classes="number"
                    ),
                    "{}–{}, default {}".format(*BOUNDARY_RANGE, DEFAULT_BOUNDARY_HOUR),
                )
            yield HelpNumbersSection()
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self._mount_next, 0)
        radio = self.query_one("#theme", RadioSet)
        # RadioSet puts its cursor on the first button; start it on the theme in use.
        radio._selected = max(radio.pressed_index, 0)
        self.watch(self.app, "theme", self._theme_changed, init=False)

    async def _mount_next(self, index: int) -> None:
        """The sections below the top, one per frame, so no frame waits for the whole form
        (about a hundred widgets at once kept the first screenful waiting)."""
        # Taken down some other way before the form was complete: a screen being taken down
        # is not displayed (Textual's `display` is False while it closes or is pruned).
        if not self.is_attached or not self.display:
            return
        if self._leave_asked:  # escape came while the form was being built
            self._building = False
            self.action_leave()
            return
        if index == len(SECTIONS):
            self._building = False
            self._initial = self._collect()
            return
        await self.query_one("#settings-form", VerticalScroll).mount(SECTIONS[index]())
        self.call_after_refresh(self._mount_next, index + 1)

    def _theme_changed(self, name: str) -> None:
        """ctrl+t (or the palette) switched the theme while this screen is open."""
        radio = self.query_one("#theme", RadioSet)
        for index, button in enumerate(radio.query(RadioButton)):
            if button.name == name and not button.value:
                with radio.prevent(RadioSet.Changed):
                    button.value = True
                radio._selected = index

    # ------------------------------------------------------------ reading the form

    def _collect(self) -> dict[str, Any]:
        pressed = self.query_one("#theme", RadioSet).pressed_button
        app = self.cc_app
        return {
            "theme": pressed.name if pressed is not None and pressed.name else app.theme,
            "bell": self.query_one("#bell", Checkbox).value,
            "flash": self.query_one("#flash", Checkbox).value,
            "spoken_cues": self.query_one("#spoken_cues", Checkbox).value,
            "get_ready": self.query_one("#get_ready", Input).value,
            "boundary": self.query_one("#boundary", Input).value,
            "thresholds": {
                info.key: self.query_one(f"#th-{info.key}", Input).value for info in THRESHOLDS
            },
            **{
                key: self.query_one(f"#{key}", Input).value
                for key in ("out_of_hours", "emergency", "patient_name")
            },
        }

    @property
    def changed(self) -> bool:
        """True when something waits for ctrl+s (the theme is kept at once)."""
        if self._initial is None:
            return False
        now = self._collect()
        return {k: v for k, v in now.items() if k != "theme"} != {
            k: v for k, v in self._initial.items() if k != "theme"
        }

    def _show_problems(self, problems: dict[str, str]) -> None:
        show_error_lines(self, problems, ERROR_AFTER)
        if problems:
            first = next(iter(problems))
            widget = self.query_one(f"#{first}", Input)
            widget.focus()
            widget.scroll_visible()

    # ------------------------------------------------------------ events

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        if event.radio_set.id != "theme":
            return
        name = event.pressed.name
        app = self.cc_app
        if name and name != app.theme:
            app.set_theme(name)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "export-format" or event.value is Select.NULL:
            return
        box = self.query_one("#export-path", Input)
        path = box.value.strip()
        for _, fmt in FORMATS:
            if path.endswith(f".{fmt}"):
                box.value = path[: -len(fmt)] + str(event.value)
                break

    def on_button_pressed(self, event: Button.Pressed) -> None:
        app = self.cc_app
        handlers = {
            "reset-thresholds": self.action_reset_thresholds,
            "export": self.action_export,
            "import": self.action_import,
            "profile": app.action_profile,
            "show-welcome": lambda: app.open_screen("welcome", "WelcomeScreen"),
        }
        handler = handlers.get(event.button.id or "")
        if handler is not None:
            event.stop()
            handler()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "export-path":
            event.stop()
            self.action_export()
        elif event.input.id == "import-path":
            event.stop()
            self.action_import()

    # ------------------------------------------------------------ actions

    def action_save(self) -> bool:
        if self._initial is None:  # the form is still being built: nothing was changed yet
            return False
        app = self.cc_app
        result = read_form(app.settings, self._collect())
        self._show_problems(result.problems)
        if result.settings is None:
            self.notify(
                "Nothing saved: please fix the marked fields.", severity="warning", timeout=6
            )
            return False
        if not app.save_settings(result.settings):
            return False
        self._initial = self._collect()
        self.notify("Settings saved.")
        return True

    def action_reset_thresholds(self) -> None:
        if self._initial is None:
            return
        for info in THRESHOLDS:
            self.query_one(f"#th-{info.key}", Input).value = number_text(info.default)
        show_error_lines(self, {}, ERROR_AFTER)
        self.notify("Default thresholds filled in. ctrl+s saves them.")

    def action_leave(self) -> None:
        from crampcoach.ui.screens.confirm import dismiss_unless_changed

        if self._building:
            self._leave_asked = True  # the next frame's _mount_next leaves
            return

        dismiss_unless_changed(
            self, self.changed, "Leave without saving your changes?", yes="Leave", no="Keep editing"
        )

    # ------------------------------------------------------------ export and import

    def _result(self, widget_id: str, text: str, *, error: bool = False) -> None:
        box = self.query_one(f"#{widget_id}", Static)
        box.set_class(error, "-error")
        # Results quote paths and the import file's own cells: plain text, never markup.
        box.update(user_text(text))
        box.display = bool(text)

    def action_export(self) -> None:
        app = self.cc_app
        text = self.query_one("#export-path", Input).value
        if not text.strip():
            self._result("export-result", "Type where the file should go.", error=True)
            return
        target = resolve_path(text, app.data_dir)
        if target.is_dir():
            self._result("export-result", f"{target} is a folder; add a file name.", error=True)
            return
        if not target.parent.is_dir():
            self._result("export-result", f"The folder {target.parent} does not exist.", error=True)
            return
        if target.exists():
            from crampcoach.ui.screens.confirm import ConfirmScreen

            def answer(replace_it: bool | None) -> None:
                if replace_it:
                    self._export_to(target)

            self.app.push_screen(
                ConfirmScreen(f"{target} exists. Replace it?", yes="Replace", no="Keep it"),
                answer,
            )
            return
        self._export_to(target)

    def _export_to(self, target: Path) -> None:
        from crampcoach.outputs import OutputFailed, OutputRefused, write_output
        from crampcoach.store import export_csv, export_json

        app = self.cc_app
        episodes = app.journal_read(lambda journal: journal.episodes())
        if episodes is None:
            return
        fmt = self.query_one("#export-format", Select).value
        payload = export_json(episodes) if fmt == "json" else export_csv(episodes)
        # The same safe writer as `export -o`: never over the journal or its backups.
        try:
            write_output(payload.encode("utf-8"), str(target), app.data_dir)
        except (OutputRefused, OutputFailed) as exc:
            self._result(
                "export-result", f"Not exported: {str(exc).removeprefix('-o ')}.", error=True
            )
            return
        self._result("export-result", f"Exported {len(episodes)} episode(s) to {target}.")

    def action_import(self) -> None:
        from crampcoach.store import ImportRefused, read_import_file

        app = self.cc_app
        text = self.query_one("#import-path", Input).value
        if not text.strip():
            self._result("import-result", "Type the path of the file to import.", error=True)
            return
        path = resolve_path(text, app.data_dir)
        if not path.is_file():
            self._result("import-result", f"{path} is not a file.", error=True)
            return
        try:
            episodes = read_import_file(path, now=app.now())  # the time limits of log
        except ImportRefused as exc:
            self._result("import-result", str(exc), error=True)
            return
        except OSError as exc:
            self._result(
                "import-result", f"Could not read {path}: {exc.strerror or exc}.", error=True
            )
            return
        added = app.journal_write(lambda journal: journal.add_episodes(episodes))
        if added is None:
            self._result("import-result", "Nothing was imported.", error=True)
            return
        skipped = len(episodes) - added
        self._result(
            "import-result",
            f"Imported {added} episode(s) from {path}; {skipped} already in the journal.",
        )
