"""The storage boundary: no module outside ``babelwire/storage/`` imports a database driver,
runs statements, or holds SQL text."""

import ast
import re
from pathlib import Path

import babelwire

PACKAGE = Path(babelwire.__file__).parent
DRIVERS = {"sqlite3", "psycopg", "psycopg2", "psycopg_pool", "apsw"}
EXECUTE = {"execute", "executemany", "executescript"}
SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|"
                 r"DELETE\s+FROM|CREATE\s+(TABLE|INDEX|TRIGGER|VIEW)|DROP\s+TABLE|PRAGMA\s+\w+)\b",
                 re.DOTALL)


def _outside_storage():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "storage" not in path.relative_to(PACKAGE).parts[:1]:
            yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def _problems(path, tree):
    where = path.relative_to(PACKAGE.parent)
    docstrings = {id(node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            names = []
        for name in names:
            if name.split(".")[0] in DRIVERS:
                yield f"{where}:{node.lineno} imports {name}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in EXECUTE:
            yield f"{where}:{node.lineno} calls .{node.func.attr}()"
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in docstrings and SQL.search(node.value):
            yield f"{where}:{node.lineno} holds SQL: {node.value[:60]!r}"


def test_no_driver_and_no_sql_outside_storage():
    problems = [p for path, tree in _outside_storage() for p in _problems(path, tree)]
    assert problems == []


def test_the_check_sees_a_violation(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlite3\n"
                   "def f(db):\n"
                   "    return db.read().execute('SELECT id FROM articles').fetchall()\n")
    tree = ast.parse(bad.read_text())
    found = list(_problems(PACKAGE / "web" / "bad.py", tree))
    assert len(found) == 3, found
