"""The layers point one way: core is stdlib only; store and report never load Textual."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import crampcoach.core


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(json.loads(out))


def _core_modules() -> list[str]:
    return [f"crampcoach.core.{m.name}" for m in pkgutil.iter_modules(crampcoach.core.__path__)]


def test_core_imports_only_the_standard_library():
    imports = "\n".join(f"import {m}" for m in _core_modules())
    loaded = _modules_after(imports)
    tops = {m.split(".")[0] for m in loaded}
    # Interpreter internals (e.g. _sysconfigdata_*) are not third-party packages.
    third_party = {
        m
        for m in tops - set(sys.stdlib_module_names) - {"crampcoach", "__main__"}
        if not m.startswith("_")
    }
    assert third_party == set()
    assert not any(m.startswith(("crampcoach.store", "crampcoach.ui")) for m in loaded)


def test_store_and_report_do_not_import_textual():
    loaded = _modules_after(
        "import crampcoach.core, crampcoach.store, crampcoach.store.transfer, crampcoach.report"
    )
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich")}
    assert not any(m.startswith("crampcoach.ui") for m in loaded)


def test_command_line_subcommands_do_not_import_textual(tmp_path):
    loaded = _modules_after(
        "import sys\nfrom crampcoach.cli import main\n"
        "import io, contextlib\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['--data-dir', {str(tmp_path)!r}, 'export'])"
    )
    assert "textual" not in loaded
