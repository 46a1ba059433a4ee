"""The command palette's commands: every action in plain words, each routine by name, and the
current screen's own keys, so nothing is reachable only by a key one has to remember."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from crampcoach.ui.actions import ALL_ACTIONS
from crampcoach.ui.text import user_markup

if TYPE_CHECKING:
    from crampcoach.ui.app import CrampCoachApp


def system_commands(app: CrampCoachApp, screen: Screen) -> Iterable[SystemCommand]:
    """The registry's actions (only help and quit before the journal is open), then the
    routines, then ``screen``'s keys that no action already named."""
    ready = app.journal is not None and app.startup_error is None
    seen: set[str] = set()
    for action in ALL_ACTIONS:
        if not ready and action.name not in ("help", "quit"):
            continue
        seen.add(action.title.casefold())
        key = f" {action.key}" if action.key else ""
        yield SystemCommand(action.title + key, action.help, partial(app.run_action, action.name))
    if ready:
        yield from routine_commands(app)
    yield from screen_commands(app, screen, seen)


def routine_commands(app: CrampCoachApp) -> Iterable[SystemCommand]:
    """Each routine by its name and kind: "bedtime" finds the bedtime routines."""
    try:
        routines = app.catalog.routines
    except Exception:  # content that fails to load is shown on the Routines screen
        return
    for routine in routines:
        kind = routine.kind.replace("-", " ")
        # The palette reads titles as markup; a user routine's title is shown as typed.
        yield SystemCommand(
            f"Start {user_markup(routine.title)} ({kind} routine)",
            f"Play the {kind} routine now",
            partial(app.start_routine, routine.id),
        )


def screen_commands(app: CrampCoachApp, screen: Screen, seen: set[str]) -> Iterable[SystemCommand]:
    """The current screen's own keys (player, history, forms…), so none is palette-less."""
    where = screen.sub_title or screen.__class__.__name__
    for binding in screen.BINDINGS:
        if not isinstance(binding, Binding) or not binding.description:
            continue
        if binding.action.startswith("app.") or binding.description.casefold() in seen:
            continue
        seen.add(binding.description.casefold())
        key = app.get_key_display(binding)
        yield SystemCommand(
            f"{binding.description} {key}",
            f"On the {user_markup(where)} screen",
            partial(screen.run_action, binding.action),
        )
