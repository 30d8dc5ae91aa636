"""Which data a cell scores: a "test" score computed on training data is not a test result.

A cell that prints ``test BLEU`` while the calls that compute it take only training data
(``translate(model, train_pairs[:300])``, ``model.evaluate(X_train, y_train)``) reports the
training data under a test label, a copy-paste slip a careful reviewer catches by reading the
code. Such cells are found from the names of the data passed to function calls (and of the
names the cell binds to it); what they print as a test score is read as a training score
(``grader.evidence.build``, ``metric_claimed_on_train``).
"""

from __future__ import annotations

import ast
import re

from grader.evidence.names import Role, role_of
from grader.notebook.code import ParsedCell, callee

_TRAINS = re.compile(r"fit|train", re.IGNORECASE)
"""Callees that train (``fit``, ``train_model``, ``model.train()``) or split the data
(``train_test_split``): a cell with one of them is not a pure scoring cell."""


def scores_training_data(cell: ParsedCell) -> bool:
    """True when the cell trains nothing and its function calls take training-named data but
    no test-named data (class constructors such as ``DataLoader(train_ds)`` do not count)."""
    assigned = _assigned_roles(cell.tree)
    roles: set[Role] = set()
    for node in ast.walk(cell.tree):
        if not isinstance(node, ast.Call):
            continue
        name = callee(node)
        if _TRAINS.search(name):
            return False
        if not name or name[:1].isupper():
            continue
        for argument in (*node.args, *(k.value for k in node.keywords)):
            names = _identifiers(argument)
            roles.add(role_of([*names, *(assigned[n] for n in names if n in assigned)]))
    return "train" in roles and "test" not in roles


def _assigned_roles(tree: ast.AST) -> dict[str, Role]:
    """Names the cell binds to training or test data (``sources = [ko for ko, _ in
    train_pairs]`` makes ``sources`` training data)."""
    roles: dict[str, Role] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assign):
            continue
        role = role_of(_identifiers(node.value))
        if role not in ("train", "test"):
            continue
        for target in node.targets:
            roles.update((n.id, role) for n in ast.walk(target) if isinstance(n, ast.Name))
    return roles


def _identifiers(node: ast.AST) -> list[str]:
    """Variable and attribute names in an expression (string literals such as a print's
    ``"test BLEU"`` label name no data)."""
    names: list[str] = []
    for part in ast.walk(node):
        if isinstance(part, ast.Name):
            names.append(part.id)
        elif isinstance(part, ast.Attribute):
            names.append(part.attr)
    return names
