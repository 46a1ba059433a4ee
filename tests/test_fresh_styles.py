"""Screens skip Textual's restyle only on the resume right after their mount."""

from __future__ import annotations

import inspect

from textual import events
from textual.screen import Screen

import crampcoach.ui.screens as screens_pkg
from crampcoach.ui.fresh_styles import FreshStyles


class Probe(FreshStyles):
    pass


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
