"""The crampcoach App: services for screens, app-wide keys, commands and wiring."""

from __future__ import annotations

import gc
import importlib
import time
from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from crampcoach.ui.themes import NIGHT_RED, THEMES

if TYPE_CHECKING:  # the store and the models load with the journal, after the first frame
    from crampcoach.core.models import Settings
    from crampcoach.store import Journal, JournalError

T = TypeVar("T")

# (action, palette title, help): the one list behind the home keys, help and the palette.
ACTIONS: tuple[tuple[str, str, str, str], ...] = (
    ("f", "first_aid", "First aid now", "A cramp right now: pick where, follow the steps"),
    ("l", "log", "Log a cramp", "Save an episode (time defaults to now)"),
    ("r", "routines", "Routines", "Bedtime, daytime and first-aid routines"),
    ("h", "history", "History", "Every episode, newest first"),
    ("p", "patterns", "Patterns", "When and where cramps come, what goes with them"),
    ("d", "doctor", "Doctor advice", "When to see a doctor, and a summary to bring"),
    ("c", "checkin", "Evening check-in", "Water, caffeine, shoes… one per night"),
    ("i", "learn", "Learn", "Short articles about cramps"),
    ("s", "settings", "Settings and profile", "Theme, bell, thresholds, data folder"),
)


class CrampCoachApp(App[int]):
    TITLE = "crampcoach"
    CSS_PATH = "styles/app.tcss"
    BINDINGS = [
        Binding("?", "help", "Help", id="help"),
        Binding("ctrl+t", "toggle_theme", "Night theme", show=False, id="toggle-theme"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        journal: Journal | None,
        data_dir: Path,
        *,
        error: JournalError | None = None,
        start: str | None = None,
        location: str | None = None,
        now: Callable[[], datetime] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        zone: tzinfo | None = None,
        opener: Callable[[], Journal] | None = None,
        theme_hint: str | None = None,
    ) -> None:
        """Either hand in an open ``journal``, or an ``opener`` that the app calls right
        after painting its first frame (the command line does: parsing years of records
        then never delays the screen). ``theme_hint`` styles that first frame."""
        super().__init__()
        self.journal = journal
        self.data_dir = data_dir
        self.startup_error = error
        self.start = start
        self.start_location = location
        self._opener = opener
        self._zone = zone
        self._now = now
        self.monotonic = monotonic
        self._catalog: Any = None
        # Deleted episodes, newest last, so u undoes even after leaving History.
        self.deleted_episodes: list[Any] = []
        for theme in THEMES:
            self.register_theme(theme)
        self._settings: Settings | None = None
        if journal is not None:
            from crampcoach.store import JournalError

            try:
                self.settings = journal.settings()
            except JournalError as exc:
                self.startup_error = exc
        names = {t.name for t in THEMES}
        if opener is not None:
            self.theme = theme_hint if theme_hint in names else THEMES[0].name
        else:
            self.theme = self.settings.theme

    # ------------------------------------------------------------ services for screens

    @property
    def settings(self) -> Settings:
        """The journal's settings (defaults until the journal is open)."""
        if self._settings is None:
            from crampcoach.core.models import Settings

            self._settings = Settings()
        return self._settings

    @settings.setter
    def settings(self, value: Settings) -> None:
        self._settings = value

    @property
    def zone(self) -> tzinfo:
        """The local time zone (looked up on first use; tests hand in their own)."""
        if self._zone is None:
            from crampcoach.localzone import local_zone

            self._zone = local_zone()
        return self._zone

    def now(self) -> datetime:
        """The current local time (tests hand in their own clock)."""
        return self._now().astimezone(self.zone) if self._now else datetime.now(self.zone)

    @property
    def catalog(self) -> Any:
        """Shipped and user routines, loaded the first time a screen needs them."""
        if self._catalog is None:
            from crampcoach import content, paths

            self._catalog = content.load_routines(paths.user_routines_dir(self.data_dir))
        return self._catalog

    def guard(self, change: Callable[[], T]) -> T | None:
        """Run a journal change; show a failure instead of crashing. None means not saved."""
        from crampcoach.store import JournalError, WriteFailed

        try:
            return change()
        except WriteFailed as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=15)
        except JournalError as exc:
            self.show_error(exc)
        return None

    def show_error(self, error: JournalError) -> None:
        from crampcoach.ui.screens.error import ErrorScreen

        self.push_screen(ErrorScreen(error))

    def save_settings(self, settings: Settings) -> bool:
        journal = self.journal
        saved = self.guard(lambda: journal.save_settings(settings)) if journal else None
        if saved is None:
            return False
        self.settings = saved
        from crampcoach.ui.theme_hint import write_hint

        write_hint(self.data_dir, saved.theme)
        return True

    # ------------------------------------------------------------ screens

    def get_default_screen(self) -> Screen:
        if self.startup_error is not None or (self.journal is None and self._opener is None):
            from crampcoach.ui.screens.error import ErrorScreen

            return ErrorScreen(self.startup_error, fatal=True)
        from crampcoach.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        if self._opener is not None:
            self.call_after_refresh(self._open_journal)
        else:
            self._continue_start()

    def _open_journal(self) -> None:
        """Read the journal once the home screen is on the terminal."""
        from crampcoach.store import JournalError
        from crampcoach.ui.screens.error import ErrorScreen
        from crampcoach.ui.theme_hint import write_hint

        opener, self._opener = self._opener, None
        assert opener is not None
        try:
            self.journal = opener()
            self.settings = self.journal.settings()
        except JournalError as exc:
            self.startup_error = exc
            self.push_screen(ErrorScreen(exc, fatal=True))
            return
        # The records live as long as the app: keep the collector from walking them.
        gc.freeze()
        if self.theme != self.settings.theme:
            self.theme = self.settings.theme
        write_hint(self.data_dir, self.settings.theme)
        refresh = getattr(self.screen, "refresh_summary", None)
        if refresh is not None:
            refresh()
        self._continue_start()

    def _continue_start(self) -> None:
        if self.startup_error is not None:
            return
        if self.start == "first-aid":
            self.action_first_aid(self.start_location)
        elif not self.settings.welcomed:
            self.open_screen("welcome", "WelcomeScreen")

    def open_screen(self, module: str, cls: str, *args: Any, **kwargs: Any) -> None:
        """Import a screen only when it opens: heavy screens never slow the start."""
        if self.journal is None:
            return
        screen_cls = getattr(importlib.import_module(f"crampcoach.ui.screens.{module}"), cls)
        self.push_screen(screen_cls(*args, **kwargs))

    def action_first_aid(self, location: str | None = None) -> None:
        self.open_screen("first_aid", "FirstAidScreen", location=location)

    def action_log(self) -> None:
        self.open_screen("log_form", "LogFormScreen")

    def action_routines(self) -> None:
        self.open_screen("routines", "RoutinesScreen")

    def action_history(self) -> None:
        self.open_screen("history", "HistoryScreen")

    def action_patterns(self) -> None:
        self.open_screen("patterns", "PatternsScreen")

    def action_doctor(self) -> None:
        self.open_screen("doctor", "DoctorScreen")

    def action_checkin(self) -> None:
        self.open_screen("checkin", "CheckInScreen")

    def action_learn(self, slug: str | None = None) -> None:
        self.open_screen("learn", "LearnScreen", slug=slug)

    def action_settings(self) -> None:
        self.open_screen("settings", "SettingsScreen")

    def action_profile(self) -> None:
        self.open_screen("profile", "ProfileScreen")

    def action_help(self) -> None:
        from crampcoach.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        name = THEMES[0].name if self.theme == NIGHT_RED.name else NIGHT_RED.name
        self.set_theme(name)

    def set_theme(self, name: str) -> None:
        from dataclasses import replace

        self.theme = name
        self.save_settings(replace(self.settings, theme=name))

    # ------------------------------------------------------------ command palette

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if self.journal is not None and self.startup_error is None:
            for _key, action, title, help_text in ACTIONS:
                yield SystemCommand(title, help_text, getattr(self, f"action_{action}"))
            yield SystemCommand("Profile", "Age band, conditions, medicines", self.action_profile)
            yield SystemCommand(
                "Switch theme", "Calm dark ↔ night red (dim red on black)", self.action_toggle_theme
            )
        yield from self._screen_commands(screen)
        yield SystemCommand("Help", "Every key on every screen", self.action_help)
        yield SystemCommand("Quit", "Leave crampcoach", self.exit)

    def _screen_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The current screen's own keys (player, history, forms…), so none is palette-less."""
        from functools import partial

        seen: set[str] = {title for _, _, title, _ in ACTIONS}
        for binding in screen.BINDINGS:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.action.startswith("app.") or binding.description in seen:
                continue
            seen.add(binding.description)
            key = binding.key_display or binding.key.split(",")[0]
            yield SystemCommand(
                binding.description,
                f"{screen.sub_title or screen.__class__.__name__}: key {key}",
                partial(screen.run_action, binding.action),
            )
