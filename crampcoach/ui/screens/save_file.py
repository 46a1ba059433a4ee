"""Ask where to write the doctor report or an export, write it, and say where it went."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from crampcoach.core.ranges import REPORT_NIGHTS
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.text import user_text
from crampcoach.ui.typed_app import CrampCoachAppAccess
from crampcoach.ui.widgets.text_fields import TextInput
from crampcoach.ui.write_target import default_folder, refusal, resolve_target

TITLES = {
    "report": "Write the doctor report (HTML, open it in a browser to print)",
    "export": "Export every episode (.csv or .json by the file name)",
}


class SaveFileScreen(FreshStyles, CrampCoachAppAccess, ModalScreen[Path | None]):
    """``kind`` is "report" or "export". Dismisses with the written path (None if not)."""

    AUTO_FOCUS = "#target"  # focused as the screen is built (ui/fresh_styles.py)

    BINDINGS = [Binding("escape", "close", "Cancel", id="close")]

    def __init__(self, kind: str, home: Path | None = None) -> None:
        super().__init__()
        self.kind = kind
        self.home = home
        self.written: Path | None = None
        self._replace_ok: Path | None = None

    def compose(self) -> ComposeResult:
        app = self.cc_app
        day = f"{app.now():%Y-%m-%d}"
        name = (
            f"crampcoach-report-{day}.html"
            if self.kind == "report"
            else f"crampcoach-export-{day}.csv"
        )
        default = default_folder(self.home) / name
        with Vertical(classes="dialog"):
            yield Static(TITLES[self.kind], classes="question")
            yield Static("Write to (enter writes, escape cancels):", classes="hint")
            yield TextInput(str(default), id="target")
            yield Static(id="result", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Write (enter)", id="write", variant="primary")
                yield Button("Close (escape)", id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.write()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "write":
            self.write()
        else:
            self.action_close()

    def _say(self, text: str, *, error: bool = False) -> None:
        box = self.query_one("#result", Static)
        box.set_class(error, "error")
        box.update(user_text(text))

    def write(self) -> None:
        app = self.cc_app
        typed = self.query_one("#target", Input).value
        if not typed.strip():
            self._say("Type where the file should go.", error=True)
            return
        target = resolve_target(typed, default_folder(self.home))
        why = refusal(target, app.data_dir)
        if why:
            self._say(why, error=True)
            return
        if target.exists() and self._replace_ok != target:
            self._replace_ok = target
            self._say(f"{target} exists. Enter again replaces it.", error=True)
            return
        payload = self._payload(target)
        if payload is None:
            return
        from crampcoach.outputs import OutputFailed, OutputRefused, write_output

        # The same safe writer as `-o` on the command line: never the journal or its backups,
        # a FIFO or device written into rather than replaced, new files 0600.
        try:
            write_output(payload.encode("utf-8"), str(target), app.data_dir)
        except (OutputRefused, OutputFailed) as exc:
            self._say(f"Not written: {str(exc).removeprefix('-o ')}", error=True)
            return
        self.written = target
        what = "Report" if self.kind == "report" else "Export"
        # Stays on screen until dismissed: a toast is gone before anyone reads the path.
        self._say(f"{what} written to {target}. Escape closes this.")
        self.query_one("#cancel", Button).focus()

    def _payload(self, target: Path) -> str | None:
        """The file's text, read through the app (None: the read failed and the user was told)."""
        app = self.cc_app
        if self.kind == "report":
            from crampcoach.stats_text import report_output

            now = app.now()
            return app.journal_read(
                lambda journal: report_output(journal, now, fmt="html", days=REPORT_NIGHTS)
            )
        from crampcoach.store import export_csv, export_json

        episodes = app.journal_read(lambda journal: journal.episodes())
        if episodes is None:
            return None
        return export_json(episodes) if target.suffix.lower() == ".json" else export_csv(episodes)

    def action_close(self) -> None:
        self.dismiss(self.written)
