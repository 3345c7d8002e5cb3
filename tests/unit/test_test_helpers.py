"""Test helpers live in support modules: no test file imports another test file or a conftest, so a helper
never disappears with the test it was written for."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def test_no_test_file_imports_another_test_file_or_a_conftest():
    bad = []
    for path in TESTS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                last = node.module.rsplit(".", 1)[-1]
                if last.startswith("test_") or last == "conftest":
                    bad.append(f"{path.relative_to(TESTS)}:{node.lineno} from {node.module}")
    assert bad == []
