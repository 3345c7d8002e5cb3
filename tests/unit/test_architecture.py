"""The shape of the house (DESIGN.md): imports run one way and only ui/ touches Qt."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imports(path: Path) -> set[str]:
    names: set[str] = set()
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{a.name}" for a in node.names)
    return names


def modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


# core may read the one vocabulary both ends speak, the op declarations, and nothing else of sync
SHARED_OPS = {"sync", "sync.ops"}


def test_core_imports_none_of_ui_labels_sync_or_qt():
    assert modules("station_app/core")
    for path in modules("station_app/core"):
        bad = {n for n in imports(path) - SHARED_OPS if not n.startswith("sync.ops.")
               and n.startswith(("station_app.ui", "station_app.labels", "sync", "PySide6"))}
        assert not bad, f"{path.name} imports {bad}"


def test_only_ui_imports_qt():
    for path in modules("station_app") + modules("sync"):
        if "ui" in path.relative_to(ROOT).parts:
            continue
        assert not {n for n in imports(path) if n.startswith("PySide6")}, path


def test_labels_and_sync_keep_their_direction():
    for path in modules("station_app/labels"):
        assert not {n for n in imports(path) if n.startswith(("station_app.ui", "sync"))}, path
    for path in modules("sync"):
        ours = {n for n in imports(path) if n.startswith("station_app")}
        if "server" in path.relative_to(ROOT).parts or path.name in ("ops.py", "protocol.py"):
            assert not ours, f"{path.name} imports {ours}"  # the county and the shared vocabulary: no station
        else:  # the station's sync side (client, feed, state …) works through core only
            assert not {n for n in ours - {"station_app", "station_app.__version__"}
                        if not n.startswith("station_app.core")}, path


# station_app's own top-level modules beside the packages, and what each may import of the house
TOP_LEVEL = {
    "day_end": ("station_app.core", "station_app.labels", "sync.client"),  # the day-end sequence: no Qt, no ui
}


def test_top_level_modules_keep_to_their_imports():
    for name, allowed in TOP_LEVEL.items():
        path = ROOT / "station_app" / f"{name}.py"
        ours = {n for n in imports(path) if n.startswith(("station_app", "sync", "PySide6"))}
        bad = {n for n in ours - {"sync", "station_app"} if not n.startswith(allowed)}  # `from sync import client`
        assert not bad, f"{name}.py imports {bad}"
    for path in modules("station_app/core") + modules("station_app/labels") + modules("station_app/devices"):
        assert not {n for n in imports(path) if n.startswith("station_app.day_end")}, path
