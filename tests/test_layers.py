"""The layers point one way: core is stdlib only; store and report never load Textual."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import crampcoach.core
from tests.import_graph import Import, cycles, graph, violations, within

ROOT = Path(__file__).resolve().parent.parent
# What each layer must never import, read from the source (imports inside functions too).
RULES: dict[str, tuple[str, ...]] = {
    "crampcoach.core": (
        "crampcoach.store",
        "crampcoach.ui",
        "crampcoach.report",
        "crampcoach.content",
        "textual",
        "tinydb",
        "rich",
    ),
    "crampcoach.store": ("crampcoach.ui", "crampcoach.report", "textual", "rich"),
    "crampcoach.report": ("crampcoach.ui", "textual"),
}
# Cycles that another change removes (the home keys move to one action registry, outside
# ui/app.py). The test fails once they are gone, so the entry is deleted, not forgotten.
KNOWN_CYCLES: set[frozenset[str]] = set()


def _shown(imports: list[Import]) -> list[str]:
    return [f"{i.source}:{i.line} imports {i.target}" for i in imports]


def test_layers_read_from_the_source_including_function_level_imports():
    assert _shown(violations(graph(ROOT, "crampcoach"), RULES)) == []


def test_core_imports_only_core_of_crampcoach():
    edges = graph(ROOT, "crampcoach")
    outside = [
        i
        for source, imports in edges.items()
        if within(source, "crampcoach.core")
        for i in imports
        if within(i.target, "crampcoach") and not within(i.target, "crampcoach.core")
    ]
    assert _shown(outside) == []


def test_ui_uses_only_the_stores_public_api():
    edges = graph(ROOT, "crampcoach")
    reaching_in = [
        i
        for source, imports in edges.items()
        if within(source, "crampcoach.ui")
        for i in imports
        if i.target.startswith("crampcoach.store.")
    ]
    assert _shown(reaching_in) == []


def test_no_import_cycles_between_modules():
    found = set(cycles(graph(ROOT, "crampcoach")))
    assert found - KNOWN_CYCLES == set(), "new import cycle"
    assert KNOWN_CYCLES - found == set(), "a known cycle is gone: delete it from KNOWN_CYCLES"


def _synthetic(tmp_path: Path, files: dict[str, str]) -> dict[str, list[Import]]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return graph(tmp_path, "crampcoach")


def test_checker_sees_a_function_level_textual_import_in_core(tmp_path):
    edges = _synthetic(
        tmp_path,
        {
            "crampcoach/__init__.py": "",
            "crampcoach/core/__init__.py": "",
            "crampcoach/core/sneaky.py": "def draw():\n    import textual.app\n",
            "crampcoach/core/lazy_store.py": (
                "class A:\n    def m(self):\n        from ..store import journal\n"
            ),
            "crampcoach/core/typed.py": (
                "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import rich\n"
            ),
            "crampcoach/store/__init__.py": "",
            "crampcoach/store/journal.py": "",
        },
    )
    found = violations(edges, RULES)
    assert {(i.source, i.target, i.lazy) for i in found} == {
        ("crampcoach.core.sneaky", "textual.app", True),
        ("crampcoach.core.lazy_store", "crampcoach.store.journal", True),
    }


def test_checker_finds_a_cycle_through_a_function_level_import(tmp_path):
    edges = _synthetic(
        tmp_path,
        {
            "crampcoach/__init__.py": "",
            "crampcoach/cli.py": "def main():\n    from crampcoach import commands\n",
            "crampcoach/commands.py": "from crampcoach.cli import EXIT_OK\n",
            "crampcoach/other.py": "import crampcoach.cli\n",
        },
    )
    assert cycles(edges) == [frozenset({"crampcoach.cli", "crampcoach.commands"})]


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


def test_report_loads_no_storage_or_terminal_libraries():
    loaded = _modules_after("import crampcoach.report")
    heavy = ("textual", "tinydb", "rich", "orjson", "platformdirs")
    assert sorted(m for m in loaded if m.split(".")[0] in heavy) == []


def test_command_line_subcommands_do_not_import_textual(tmp_path):
    loaded = _modules_after(
        "import sys\nfrom crampcoach.cli import main\n"
        "import io, contextlib\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['--data-dir', {str(tmp_path)!r}, 'export'])"
    )
    assert "textual" not in loaded
