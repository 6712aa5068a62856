"""How the code is laid out, checked from its own imports: no cycles, each layer imports only below it.

From the bottom: nn_core (numpy and the standard library), figures (plotly builders) and classroom (the
store), then ui/ (Streamlit), then the scripts Streamlit runs (app.py and pages/). Inside ui/, the shared
ground and the live mounts are below the pages' parts (ui/pages/), which are below the lesson, the class,
the links and the frame that use them.
"""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.structure.project import ROOT, import_graph, modules


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm: the groups of modules that import each other, directly or round a circle."""
    index, low, stack, on_stack, groups, counter = {}, {}, [], set(), [], [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_no_module_imports_itself_round_a_circle():
    circles = [group for group in strongly_connected(import_graph()) if len(group) > 1]
    assert circles == [], f"import cycles (a lazy import inside a function counts too): {circles}"


def test_the_cycle_finder_finds_a_cycle():
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"], ["d"]]


# module prefix -> prefixes it must never import (what sits above it)
NEVER = {
    "nn_core": ("figures", "classroom", "ui"),
    "figures": ("classroom", "ui"),
    "classroom": ("figures", "ui"),
    "ui.state": ("ui.pages", "ui.lesson", "ui.classroom", "ui.links", "ui.live", "ui.fragments"),
    "ui.links.kinds": ("ui.pages", "ui.lesson", "ui.classroom", "ui.links.tables", "ui.live", "ui.fragments"),
    "ui.live": ("ui.pages", "ui.lesson", "ui.classroom", "ui.links.tables", "ui.fragments", "ui.sidebar", "ui.session"),
    "ui.pages": ("ui.lesson", "ui.classroom", "ui.links", "ui.fragments", "ui.sidebar", "ui.session"),
    "ui.glossary": ("ui.pages", "ui.lesson", "ui.classroom", "ui.links.tables"),
    "ui.lesson": ("ui.classroom", "ui.links.tables", "ui.fragments", "ui.sidebar", "ui.session"),
    "ui.patches": ("ui.pages", "ui.lesson", "ui.classroom", "ui.links", "ui.live", "ui.fragments"),
}


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


@pytest.mark.parametrize("lower", sorted(NEVER))
def test_each_layer_imports_only_what_is_below_it(lower):
    graph = import_graph()
    wrong = sorted(f"{name} imports {other}" for name, others in graph.items() if _within(name, lower)
                   for other in others if any(_within(other, above) for above in NEVER[lower]))
    assert wrong == []


def test_the_pages_parts_are_named_after_their_page():
    """pages/X.py is the script; ui/pages/X.py or ui/pages/X/ holds its widgets, state and words."""
    scripts = {path.stem for path in (ROOT / "pages").glob("*.py")}
    parts = {name.split(".")[2] for name in modules() if name.startswith("ui.pages.")}
    assert parts <= scripts, parts - scripts


@pytest.mark.parametrize("package, banned", [("figures", ("streamlit", "pandas")),
                                             ("classroom", ("streamlit", "plotly", "PIL", "pandas"))])
def test_a_package_below_ui_loads_no_streamlit(package, banned):
    names = sorted(name for name in modules() if _within(name, package) and ".migrations" not in name)
    code = ("import sys, importlib\n"
            f"for name in {names!r}: importlib.import_module(name)\n"
            f"print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in {banned!r})))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
