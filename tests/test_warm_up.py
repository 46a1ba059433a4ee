"""The warm-up imports what the screens would otherwise import during their first opening."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from crampcoach.ui.app import WARM_MODULES

# A fresh interpreter, so that what this test session has imported does not count.
CHECK = """
import sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from ui_support import make_app
from crampcoach.ui.app import WARM_MODULES, WARM_SCREENS
missing = [m for m in WARM_MODULES if m in sys.modules]
app = make_app(Path({root!r}))
app._warm_up()
wanted = [*WARM_MODULES, *(f"crampcoach.ui.screens.{{m}}" for m in WARM_SCREENS)]
print("before:", missing)
print("after:", [m for m in wanted if m not in sys.modules])
"""


@pytest.mark.parametrize("module", WARM_MODULES)
def test_every_warm_module_exists(module: str) -> None:
    assert importlib.import_module(module) is sys.modules[module]


def test_warm_up_imports_what_first_openings_would(tmp_path) -> None:
    tests = str(Path(__file__).parent)
    code = CHECK.format(tests=tests, root=str(tmp_path))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    # Not imported by building the app, so the warm-up is what brings them in.
    assert "before: []" in out
    assert "after: []" in out
