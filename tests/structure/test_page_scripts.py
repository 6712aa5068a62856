"""Page scripts (pages/*.py) keep the names they import.

A page's fragment runs again on its own (a timer tick, a release) and reads the script's globals at
that moment: a script that later binds an imported module's name to something else (``controls, outcome
= st.columns(2)``) breaks its fragment only when it ticks, which AppTest never does (it happened once).
"""
from __future__ import annotations

import ast

from tests.structure.project import ROOT, tree


def rebound_imports(module: ast.Module) -> set[str]:
    imported, bound = set(), set()
    for node in ast.walk(module):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imported.update(alias.asname or alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            bound.add(node.name)
    return imported & bound


def test_no_page_script_rebinds_a_name_it_imports():
    clashes = {path.name: sorted(rebound_imports(tree(path))) for path in sorted((ROOT / "pages").glob("*.py"))}
    assert {name: names for name, names in clashes.items() if names} == {}


def test_the_checker_sees_a_rebound_module():
    assert rebound_imports(ast.parse("from ui.pages.backprop import controls\ncontrols, outcome = st.columns(2)\n")) == {
        "controls"}


def test_each_page_script_is_named_after_its_url():
    """Until app.py has run once, Streamlit's older multipage mode serves /X from pages/X.py: a script named
    otherwise gives the first visitor of a fresh server (a QR code's /join link) a "Page not found" dialog."""
    from ui.navigation import KIT, PAGES

    misnamed = [page.script for page in PAGES + KIT
                if page.url_path and page.script != f"pages/{page.url_path}.py"]
    assert misnamed == []
