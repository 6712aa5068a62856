"""One owner per session-state key: ui/state.py names every key; nothing else writes one as text.

A key written as a string literal (or an f-string, or a module constant holding one) anywhere else is
a second owner: two spellings drift apart, and a page silently reads a key no one writes. So every
``st.session_state[...]``, ``.get``, ``.pop``, ``.setdefault`` and ``in st.session_state`` outside
ui/state.py must name its key through ui/state.py (``state.X`` or a function of it) or pass one along
(a parameter, a loop over the settings tables).
"""
from __future__ import annotations

import ast

from tests.structure.project import ROOT, python_files, tree

OWNER = ROOT / "ui" / "state.py"
METHODS = {"get", "pop", "setdefault", "__setitem__", "__getitem__", "__contains__"}
NOT_KEYS = METHODS | {"update", "keys", "items", "values", "clear", "to_dict", "__delitem__"}   # session_state.<these>


def _is_session_state(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "session_state" or (
        isinstance(node, ast.Name) and node.id == "session_state")


def _module_strings(module: ast.Module) -> set[str]:
    """Names the module binds, at its top level, to a string constant (``KEY = "my_key"``)."""
    names = set()
    for node in module.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, (ast.Constant, ast.JoinedStr)):
            if isinstance(node.value, ast.JoinedStr) or isinstance(node.value.value, str):
                names.update(target.id for target in node.targets if isinstance(target, ast.Name))
    return names


def keys_named_as_text(module: ast.Module) -> list[tuple[int, str]]:
    """(line, key as written) of every session-state key spelled here instead of through ui/state.py."""
    constants, found = _module_strings(module), []

    def check(key: ast.AST | None, line: int) -> None:
        if key is None:
            return
        if isinstance(key, ast.Constant) and isinstance(key.value, str) or isinstance(key, ast.JoinedStr) or (
                isinstance(key, ast.Name) and key.id in constants) or (
                isinstance(key, ast.BinOp) and any(isinstance(s, (ast.Constant, ast.JoinedStr)) for s in (key.left, key.right))):
            found.append((line, ast.unparse(key)))

    for node in ast.walk(module):
        if isinstance(node, ast.Subscript) and _is_session_state(node.value):
            check(node.slice, node.lineno)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in METHODS \
                and _is_session_state(node.func.value):
            check(node.args[0] if node.args else None, node.lineno)
        elif isinstance(node, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops) \
                and any(_is_session_state(c) for c in node.comparators):
            check(node.left, node.lineno)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "update" \
                and _is_session_state(node.func.value):
            for argument in node.args:
                for key in argument.keys if isinstance(argument, ast.Dict) else ():
                    check(key, node.lineno)
            for keyword in node.keywords:
                if keyword.arg:
                    found.append((node.lineno, keyword.arg))
        elif isinstance(node, ast.Attribute) and _is_session_state(node.value) and node.attr not in NOT_KEYS:
            found.append((node.lineno, f"session_state.{node.attr}"))   # attribute access spells the key too
    return found


def test_no_session_state_key_is_written_as_text_outside_ui_state():
    wrong = [f"{path.relative_to(ROOT)}:{line}: {key}" for path in python_files() if path != OWNER
             for line, key in keys_named_as_text(tree(path))]
    assert wrong == [], "name these keys in ui/state.py:\n" + "\n".join(wrong)


def test_the_checker_catches_a_key_written_as_text():
    module = ast.parse('KEY = "mine"\n'
                       'st.session_state["a"] = 1\n'
                       'st.session_state.get(f"b_{x}")\n'
                       'st.session_state[KEY]\n'
                       'if "c" in st.session_state: pass\n'
                       'st.session_state[state.GOOD]\n'
                       'st.session_state[key]\n'
                       'st.session_state.update({"d": 1, state.GOOD: 2})\n'
                       'st.session_state.e = 1\n')
    assert [line for line, _ in keys_named_as_text(module)] == [2, 3, 4, 5, 8, 9]
