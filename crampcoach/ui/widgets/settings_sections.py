"""The parts of the Settings form below its first screenful, one widget per section.

Settings mounts them one per frame after its top has painted, so no frame waits for the whole
form. Number rows are cells of one grid (label, box, what is allowed) rather than a row
container each, and error lines are mounted only when there is something to say
(``ui/widgets/error_lines``): fewer widgets for Textual to style and lay out.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Label, Select, Static

from crampcoach import paths
from crampcoach.core.doctor import THRESHOLDS, merge_thresholds
from crampcoach.core.form_rules import number_text
from crampcoach.core.models import Settings
from crampcoach.ui.text import user_text
from crampcoach.ui.typed_app import CrampCoachAppAccess
from crampcoach.ui.widgets.presets import Button
from crampcoach.ui.widgets.text_fields import TextInput
from crampcoach.ui.write_target import default_folder

FORMATS = (("CSV", "csv"), ("JSON", "json"))


def field_cells(label: str, box: TextInput, allowed: str) -> ComposeResult:
    """One row of a ``.fields`` grid: what it is, the box, what is allowed (``#def-<id>``)."""
    yield Label(label, classes="row-label")
    yield box
    yield Static(allowed, id=f"def-{box.id}", classes="default")


def default_export_path(folder: Path, day: str, fmt: str = "csv") -> Path:
    """A visible place (``ui.write_target.default_folder``), never the hidden data folder."""
    return folder / f"crampcoach-export-{day}.{fmt}"


class ThresholdsSection(CrampCoachAppAccess, Vertical):
    """When the app suggests a doctor: each threshold, yours and the default."""

    def compose(self) -> ComposeResult:
        current = merge_thresholds(self.cc_app.settings.thresholds)
        yield Static("Doctor advice thresholds", classes="section")
        yield Static(
            "When the app suggests seeing a doctor. Change them only if your doctor "
            "agrees. Empty means the default.",
            classes="hint",
        )
        with Grid(classes="fields", id="threshold-fields"):
            for info in THRESHOLDS:
                yield from field_cells(
                    f"{info.label} ({info.unit})",
                    TextInput(
                        number_text(current[info.key]),
                        id=f"th-{info.key}",
                        compact=True,
                        classes="number threshold",
                    ),
                    f"default {number_text(info.default)}",
                )
        yield Button("Reset to defaults (ctrl+r)", id="reset-thresholds", compact=True)


class HelpNumbersSection(CrampCoachAppAccess, Vertical):
    """The numbers urgent advice names, and the name on the report."""

    def compose(self) -> ComposeResult:
        s: Settings = self.cc_app.settings
        yield Static("Help at any hour", classes="section")
        yield Static(
            "Urgent advice names these. Empty: NHS 111 (UK out-of-hours; elsewhere your "
            "local out-of-hours or urgent-care number) and 999 (UK) or 112 (EU) for an "
            "emergency.",
            classes="hint",
        )
        with Grid(classes="fields", id="help-fields"):
            yield from field_cells(
                "Out-of-hours or urgent-care number",
                TextInput(s.out_of_hours_number, id="out_of_hours", compact=True, classes="number"),
                "empty: NHS 111",
            )
            yield from field_cells(
                "Emergency number",
                TextInput(s.emergency_number, id="emergency", compact=True, classes="number"),
                "empty: 999 / 112",
            )
        with Horizontal(classes="row", id="name-row"):
            yield Label("Your name on the doctor report (optional)", classes="row-label")
            yield TextInput(s.patient_name, id="patient_name", compact=True)


class DataSection(CrampCoachAppAccess, Vertical):
    """Where the data lives, and export and import."""

    def compose(self) -> ComposeResult:
        app = self.cc_app
        day = app.now().strftime("%Y%m%d")
        yield Static("Your data", classes="section")
        with Horizontal(classes="row"):
            yield Label("Data folder", classes="short-label")
            yield Static(user_text(app.data_dir), id="data-folder", classes="path-text")
        with Horizontal(classes="row"):
            yield Label("Backups", classes="short-label")
            yield Static(
                user_text(paths.backups_dir(app.data_dir)),
                id="backups-folder",
                classes="path-text",
            )
        yield Static("Nothing leaves this computer unless you export it.", classes="hint")
        yield Label("Export every episode to", classes="field-label")
        with Horizontal(classes="row"):
            yield TextInput(
                str(default_export_path(default_folder(), day)),
                id="export-path",
                compact=True,
                classes="path",
            )
            yield Select[str](
                FORMATS, value="csv", allow_blank=False, id="export-format", compact=True
            )
            yield Button("Export", id="export", compact=True)
        yield Static(id="export-result", classes="result")
        yield Label("Import episodes from a CSV or JSON file", classes="field-label")
        with Horizontal(classes="row"):
            yield TextInput(
                placeholder="path to a file written by export",
                id="import-path",
                compact=True,
                classes="path",
            )
            yield Button("Import", id="import", compact=True)
        yield Static(
            "All or nothing: a file with a problem imports nothing. "
            "Episodes already here are skipped.",
            classes="hint",
        )
        yield Static(id="import-result", classes="result")


class YouSection(Vertical):
    """The profile and the welcome tour."""

    def compose(self) -> ComposeResult:
        yield Static("You", classes="section")
        with Horizontal(classes="row buttons"):
            yield Button("Profile…", id="profile", compact=True)
            yield Button("Show welcome", id="show-welcome", compact=True)
        yield Static("ctrl+s saves · escape leaves", classes="hint end")


# Mounted after the first frame, in this order (and shown so), one per frame. The help
# numbers are not among them: they are part of the first screenful at 80×24, composed with
# the top, and the thresholds (the biggest section) mount below them.
SECTIONS: tuple[type[Vertical], ...] = (
    ThresholdsSection,
    DataSection,
    YouSection,
)
