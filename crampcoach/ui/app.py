"""The crampcoach App: services for screens, start-up, app-wide keys, commands and wiring.

The journal's error boundary and inert text on screen are its base, ``ui/app_boundary``; the
command palette's commands are ``ui/palette``.
"""

from __future__ import annotations

import gc
import importlib
import threading
import time
from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from crampcoach.ui.live import POLL_SECONDS, LiveJournalApp
from crampcoach.ui.themes import NIGHT_RED, THEMES

if TYPE_CHECKING:  # the store and the models load with the journal, after the first frame
    from textual.await_complete import AwaitComplete
    from textual.timer import Timer

    from crampcoach.core.models import Settings
    from crampcoach.store import Journal, JournalError

# After a screen closes, its garbage is collected this much later (see pop_screen): once the
# screen below has painted, before a person's next key.
COLLECT_AFTER_S = 0.05

# Every screen's own style sheet. Textual reads a screen's CSS_PATH the first time the screen
# is pushed and then re-parses and re-applies the whole style sheet to every widget: that
# was a large part of each screen's first opening. The app reads them all once, just after
# its first frame, so no screen's first push pays it (the screens keep their CSS_PATH, so a
# screen run on its own still finds its styles).
SCREEN_STYLES = (
    "checkin",
    "doctor",
    "experiments",
    "first_aid",
    "learn",
    "patterns",
    "player",
    "profile",
    "routines",
    "settings",
    "welcome",
)

# Screen modules imported in a thread once the journal is open, while the user reads Home:
# importing a screen (and what it needs: charts, Markdown, the first-aid content) was most
# of its first opening.
WARM_SCREENS = (
    "log_form",
    "history",
    "patterns",
    "doctor",
    "checkin",
    "routines",
    "learn",
    "settings",
    "help",
    "first_aid",
    "player",
    "episode_detail",
    "confirm",
)
# Modules the screens import only when they first draw (found by logging sys.modules across
# each first opening): Rich's emoji table (its first markup with a ':'), the words and months
# of Patterns, and Settings' speech check. Imported here, they no longer land in a first opening.
WARM_MODULES = (
    "rich._emoji_codes",
    "crampcoach.core.pattern_months",
    "crampcoach.core.pattern_words",
    "crampcoach.speech",
)
# Of those screens, the ones that index every episode; they index the journal in the same thread
# (their ``prepare``), so that even their first opening finds the index ready.
PREPARED = ("history", "patterns")


class CrampCoachApp(LiveJournalApp):
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
        self.startup_error: JournalError | OSError | None = error
        self.start = start
        self.start_location = location
        self._opener = opener
        self._collect_timer: Timer | None = None
        self._zone = zone
        self._now = now
        self.monotonic = monotonic
        self._catalog: Any = None
        # Deleted episodes, newest last, so u undoes even after leaving History.
        self.deleted_episodes: list[Any] = []
        self._loop_thread = None
        for theme in THEMES:
            self.register_theme(theme)
        self._settings: Settings | None = None
        if journal is not None:
            from crampcoach.store import JournalError

            try:
                self.settings = journal.settings()
            except (JournalError, OSError) as exc:
                self.startup_error = exc
        names = {t.name for t in THEMES}
        if opener is not None:
            self._first_theme(theme_hint if theme_hint in names else THEMES[0].name)
        else:
            self._first_theme(self.settings.theme)

    def _first_theme(self, name: str) -> None:
        """Start in theme ``name`` without Textual's theme watcher, which would queue a second
        parse and application of the whole style sheet before the first frame (nothing is
        parsed yet: the first parse already uses these variables). The rest of what the watcher
        does: the theme's classes. Both themes are dark, like Textual's default, so its ANSI
        colour filter stays right."""
        self.set_reactive(App.theme, name)
        dark = self.current_theme.dark
        self.update_classes(
            {f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark}, update=False
        )
        self.stylesheet.set_variables(self.get_css_variables())

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

    def reload_catalog(self) -> None:
        """Forget the loaded routines; the next use reads the user's files again."""
        self._catalog = None

    def save_settings(self, settings: Settings) -> bool:
        saved = self.journal_write(lambda journal: journal.save_settings(settings))
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
        self._loop_thread = threading.get_ident()
        self.call_after_refresh(self._collect_again)
        if self._opener is not None:
            self.call_after_refresh(self._open_journal)
        else:
            self._continue_start()
        self.call_after_refresh(self._load_screen_styles)

    @staticmethod
    def _collect_again() -> None:
        """The command line turns the cyclic collector off until the first frame (see
        ``launch``). What start-up built (modules, classes, styles, the first screen) lives as
        long as the app: frozen, the collector never walks it; then it runs as usual."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    def _load_screen_styles(self) -> None:
        """Read every screen's style sheet now, once, instead of at each screen's first push."""
        folder = Path(__file__).parent / "styles"
        changed = False
        for name in SCREEN_STYLES:
            path = (folder / f"{name}.tcss").resolve()  # the key Textual's own loading uses
            if not self.stylesheet.has_source(str(path), ""):
                self.stylesheet.read(path)
                changed = True
        if changed:
            self.stylesheet.reparse()
            self.stylesheet.update(self)

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
        except (JournalError, OSError) as exc:
            self.startup_error = exc
            self.push_screen(ErrorScreen(exc, fatal=True))
            if self.start == "first-aid":  # first aid never waits for the journal
                self.action_first_aid(self.start_location)
            return
        # The records live as long as the app: keep the collector from walking them.
        gc.freeze()
        # Opening a screen allocates tens of thousands of objects (widgets, styles, strips):
        # at the default threshold the young generations were collected 40-90 times per
        # opening, and a full collection landed in most openings. Collect less often.
        gc.set_threshold(10_000, 50, 100)
        # Collections that would be large at that threshold are done in a quiet moment
        # instead: see pop_screen.
        if self.theme != self.settings.theme:
            self.theme = self.settings.theme
        write_hint(self.data_dir, self.settings.theme)
        refresh = getattr(self.screen, "refresh_summary", None)
        if refresh is not None:
            refresh()
        self._continue_start()
        self.run_worker(self._warm_up, thread=True, group="warm-up", exit_on_error=False)

    def pop_screen(self) -> AwaitComplete:
        """Back to the screen below; its garbage is collected once the user is looking at it.

        A closed screen is thousands of objects in reference cycles (widgets and their
        parents, styles, message pumps), which only the cyclic collector frees. Left to the
        gentle threshold above, they piled up until a young collection of 100,000+ objects
        (~290 ms) landed in the middle of a later screen's opening."""
        done = super().pop_screen()
        if self._collect_timer is not None:
            self._collect_timer.stop()
        self._collect_timer = self.set_timer(COLLECT_AFTER_S, self._collect_young)
        return done

    def _collect_young(self) -> None:
        self._collect_timer = None
        gc.collect(1)  # the young generations: what was made since, the closed screen with it

    def _warm_up(self) -> None:
        """Import every screen and load the routines ahead of the first key (see WARM_SCREENS)."""
        for module in WARM_SCREENS:
            importlib.import_module(f"crampcoach.ui.screens.{module}")
        for module in WARM_MODULES:
            importlib.import_module(module)
        episodes = self.journal_read(lambda journal: journal.episodes())
        if episodes is not None:
            for module in PREPARED:
                screen = importlib.import_module(f"crampcoach.ui.screens.{module}")
                screen.prepare(episodes, self.settings.night_boundary_hour)
        try:
            self.catalog  # noqa: B018 - loaded for its side effect, the cache
        except Exception:  # a broken routine file is reported by the Routines screen itself
            self.reload_catalog()

    def _continue_start(self) -> None:
        if self.journal is not None and self.journal.notice:
            # Said once: the journal was upgraded, or first-aid entries kept aside were merged.
            self.notify(self.journal.notice, title="Your journal", timeout=30)
            self.journal.notice = None
        if self.startup_error is None:
            self.set_interval(POLL_SECONDS, self.check_journal, name="journal-watch")
        if self.start == "first-aid":  # even with a broken journal: first aid keeps it aside
            self.action_first_aid(self.start_location)
        elif self.startup_error is not None:
            return
        elif not self.settings.welcomed:
            self.open_screen("welcome", "WelcomeScreen")

    def open_screen(self, module: str, cls: str, *args: Any, **kwargs: Any) -> None:
        """Import a screen only when it opens: heavy screens never slow the start."""
        if self.journal is None:
            return
        screen_cls = getattr(importlib.import_module(f"crampcoach.ui.screens.{module}"), cls)
        self.push_screen(screen_cls(*args, **kwargs))

    def action_first_aid(self, location: str | None = None) -> None:
        # Not through open_screen: first aid plays without a journal (it keeps the episode aside).
        from crampcoach.ui.screens.first_aid import FirstAidScreen

        self.push_screen(FirstAidScreen(location=location))

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

    def action_experiments(self) -> None:
        self.open_screen("experiments", "ExperimentsScreen")

    def action_experiment_routine(self) -> None:
        """Tonight's routine of the running experiment, one key from Home."""
        from crampcoach.ui.widgets.experiment_line import play_tonights_routine

        play_tonights_routine(self)

    def action_report(self) -> None:
        from crampcoach.ui.screens.save_file import SaveFileScreen

        if self.journal is not None:
            self.push_screen(SaveFileScreen("report"))

    def action_export(self) -> None:
        from crampcoach.ui.screens.save_file import SaveFileScreen

        if self.journal is not None:
            self.push_screen(SaveFileScreen("export"))

    def action_import(self) -> None:
        """Import lives in Settings; open it there with the cursor in the file field."""
        self.action_settings()

        def focus_import() -> None:
            found = self.screen.query("#import-path")
            if found:
                found.first().focus()

        self.call_after_refresh(focus_import)

    def action_doctor_seen(self) -> None:
        """The doctor screen's own "I saw a doctor about this" (key v there), from anywhere."""
        from crampcoach.ui.screens.doctor import DoctorScreen

        if isinstance(self.screen, DoctorScreen):
            self.screen.action_doctor_seen()
            return
        self.action_doctor()

        def run_it() -> None:
            if isinstance(self.screen, DoctorScreen):
                self.screen.action_doctor_seen()

        self.call_after_refresh(run_it)

    def action_help(self) -> None:
        from crampcoach.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        """Quit (ctrl+q, q) — but never drop typed input without asking, on any form.

        A screen with its own question (first aid: ``confirm_quit``) asks it instead."""
        confirm = getattr(self.screen, "confirm_quit", None)
        if confirm is not None and confirm():
            return
        unsaved = [s for s in self.screen_stack if getattr(s, "changed", False) is True]
        if not unsaved:
            self.exit()
            return
        from crampcoach.ui.screens.confirm import ConfirmScreen

        if isinstance(self.screen, ConfirmScreen):
            return  # already asking something; answer that first

        def answer(leave: bool | None) -> None:
            if leave:
                self.exit()

        self.push_screen(
            ConfirmScreen(
                "What you typed is not saved. Quit and discard it?", yes="Quit", no="Keep editing"
            ),
            answer,
        )

    def action_toggle_theme(self) -> None:
        name = THEMES[0].name if self.theme == NIGHT_RED.name else NIGHT_RED.name
        self.set_theme(name)

    def set_theme(self, name: str) -> None:
        from dataclasses import replace

        self.theme = name
        self.save_settings(replace(self.settings, theme=name))

    # ------------------------------------------------------------ command palette

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action in plain words: the registry, each routine by name, this screen's keys."""
        from crampcoach.ui.palette import system_commands  # when the palette opens

        yield from system_commands(self, screen)

    def start_routine(self, routine_id: str) -> None:
        from crampcoach.ui.screens.player import PlayerScreen

        routine = self.catalog.get(routine_id)
        if routine is not None:
            self.push_screen(PlayerScreen(routine))
