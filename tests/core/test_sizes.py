"""Sizes a newcomer can read: no module over 600 lines and no function over 60
(docs/architecture.md), outside migrations and data tables. A data table is a
module of constants only: a docstring, imports and assignments."""

import ast
from pathlib import Path

from django.conf import settings

PACKAGES = [
    "cpo_portal", "core", "districts", "accounts", "clusters", "brokers", "programmes",
    "monitoring", "demo",
]  # fmt: skip
MODULE_LINES = 600
FUNCTION_LINES = 60


def _modules():
    base = Path(settings.BASE_DIR)
    for package in PACKAGES:
        for path in sorted((base / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path.relative_to(base), ast.parse(path.read_text())


def _is_data_table(tree):
    constants = (ast.Assign, ast.AnnAssign, ast.Import, ast.ImportFrom)
    return all(
        isinstance(node, constants)
        or (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
        for node in tree.body
    )


def test_no_module_is_too_long_to_read():
    too_long = [
        f"{path}: {tree.body[-1].end_lineno} lines"
        for path, tree in _modules()
        if tree.body and tree.body[-1].end_lineno > MODULE_LINES and not _is_data_table(tree)
    ]
    assert too_long == []


def test_no_function_is_too_long_to_read():
    too_long = [
        f"{path}:{node.lineno} {node.name}: {node.end_lineno - node.lineno + 1} lines"
        for path, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > FUNCTION_LINES
    ]
    assert too_long == []


def test_a_data_table_holds_only_constants():
    assert _is_data_table(ast.parse('"""Doc."""\nfrom x import y\nA = [1]\nB: int = 2\n'))
    assert not _is_data_table(ast.parse("A = 1\ndef f():\n    return A\n"))
