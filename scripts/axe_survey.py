"""axe-core's serious and critical WCAG 2.0/2.1 A+AA violations on every page, in each mode.

    python scripts/axe_survey.py [--pages draw,data] [--modes laptop,projector] [--json]

Starts the app on a free port, opens every page of ui/navigation.PAGES + KIT (and the console's board, a
class opened first) in each mode of tests/browser/axe_check.MODES (a screen and a link's settings), waits
until the page is drawn, runs axe (its JavaScript ships in the axe-playwright-python package) and prints a
table: per page and mode, how many elements violate a serious or critical rule, and which rules.
``--json`` also writes docs/axe_survey.json; ``--details`` prints each violation's targets.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.axe_check import (  # noqa: E402
    CONSOLE_BOARD,
    MODES,
    PAGE_PATHS,
    address,
    describe,
    node_count,
    open_class_board,
    serious_violations,
)
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, AppServer, wait_until_drawn  # noqa: E402


def survey(base_url: str, browser, pages: list[str], modes, details: bool) -> dict:
    table: dict[str, dict[str, dict[str, int]]] = {}
    for mode in modes:
        context = browser.new_context(viewport={"width": mode.width, "height": mode.height})
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(f"{base_url}/?{mode.query}")   # a fresh server's first run, on Home
        wait_until_drawn(page)
        for path in pages:
            started = time.monotonic()
            if path == CONSOLE_BOARD:
                open_class_board(page, base_url, mode.query)
            else:
                page.goto(address(base_url, path, mode))
            wait_until_drawn(page)
            found = serious_violations(page)
            table.setdefault(path or "home", {})[mode.name] = {v["id"]: len(v["nodes"]) for v in found}
            print(f"{mode.name:24} {path or 'home':14} {node_count(found):4}  ({time.monotonic() - started:4.1f} s)  "
                  + ", ".join(f"{v['id']} {len(v['nodes'])}" for v in found), flush=True)
            if details and found:
                print(describe(found), flush=True)
        context.close()
    return table


def print_table(table: dict, modes) -> None:
    names = [mode.name for mode in modes]
    print("\n| page | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for path, row in table.items():
        cells = [str(sum(row[name].values())) if name in row else "" for name in names]
        print(f"| {path} | " + " | ".join(cells) + " |")
    totals = [str(sum(sum(row[name].values()) for row in table.values() if name in row)) for name in names]
    print("| **all** | " + " | ".join(totals) + " |")
    rules: dict[str, int] = {}
    for row in table.values():
        for counts in row.values():
            for rule, n in counts.items():
                rules[rule] = rules.get(rule, 0) + n
    print("\nrules: " + (", ".join(f"{rule} {n}" for rule, n in sorted(rules.items(), key=lambda r: -r[1])) or "none"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", help="comma-separated URL paths ('home' for /, 'console-board' for a class)")
    parser.add_argument("--modes", help="comma-separated mode names: " + ", ".join(m.name for m in MODES))
    parser.add_argument("--json", action="store_true", help="also write docs/axe_survey.json")
    parser.add_argument("--details", action="store_true", help="print each violation's targets")
    args = parser.parse_args()
    pages = [("" if p == "home" else p) for p in args.pages.split(",")] if args.pages else [*PAGE_PATHS, CONSOLE_BOARD]
    modes = [m for m in MODES if not args.modes or m.name in args.modes.split(",")]

    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="axe-survey-"))   # its own class store: the console's board opens a class
    server = AppServer(folder, env={"NN_DATA_DIR": str(folder), "NN_CLASSES_PER_HOUR": "1000"})
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            table = survey(server.url, browser, pages, modes, args.details)
            browser.close()
    finally:
        server.stop()
    print_table(table, modes)
    if args.json:
        out = ROOT / "docs" / "axe_survey.json"
        out.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n")
        print(f"written: {out}")


if __name__ == "__main__":
    main()
