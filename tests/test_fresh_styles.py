"""Screens skip Textual's restyle only on the resume right after their mount."""

from __future__ import annotations

import inspect

from textual import events
from textual.screen import Screen

import crampcoach.ui.screens as screens_pkg
from crampcoach.ui.fresh_styles import FreshStyles


class Probe(FreshStyles):
    """FreshStyles alone: its handler needs nothing of a Screen to set the flag."""


def test_only_the_first_resume_skips_the_restyle():
    probe = Probe()
    first, second = events.ScreenResume(), events.ScreenResume()
    probe._on_screen_resume(first)
    probe._on_screen_resume(second)
    assert first.refresh_styles is False
    assert second.refresh_styles is True  # covered screens still restyle when they return


def test_every_screen_of_the_app_is_fresh_styled():
    import importlib
    import pkgutil

    missing = []
    for info in pkgutil.iter_modules(screens_pkg.__path__):
        module = importlib.import_module(f"{screens_pkg.__name__}.{info.name}")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or not issubclass(cls, Screen):
                continue
            if not issubclass(cls, FreshStyles):
                missing.append(f"{info.name}.{name}")
    assert not missing, f"screens without FreshStyles: {missing}"


# Screens whose on_mount still moves focus, and why (AUTO_FOCUS cannot say it).
FOCUS_IN_ON_MOUNT = {
    "learn.py": "the article or the list, depending on the page it was opened at",
    "experiments.py": "the habit list without scrolling it",
}


def test_screens_say_where_focus_goes_with_auto_focus():
    """Focus restyles a widget and all it holds: a screen that lets Textual focus its first
    widget and then focuses another in on_mount restyles twice (see ui/fresh_styles.py)."""
    import ast
    from pathlib import Path

    folder = Path(screens_pkg.__path__[0])
    moved = []
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == "on_mount":
                calls = [
                    sub
                    for sub in ast.walk(node)
                    if isinstance(sub, ast.Call)
                    and isinstance(sub.func, ast.Attribute)
                    and sub.func.attr == "focus"
                ]
                if calls and path.name not in FOCUS_IN_ON_MOUNT:
                    moved.append(f"{path.name}:{node.lineno}")
    assert not moved, f"focus moved in on_mount (use AUTO_FOCUS): {moved}"
