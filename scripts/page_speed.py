"""How fast every page opens, as a person feels it, in headless Chromium against a real `streamlit run`.

    python scripts/page_speed.py                       # this tree: cold and warm server, 3 repeats
    python scripts/page_speed.py --root ../other-tree  # the same measurement of another checkout
    python scripts/page_speed.py --repeats 5 --json    # machine-readable

A page's **first visit** in a session: from clicking its link in the sidebar (on Home) until the
app's script has run (the server's "script finished" message has arrived since the click, and
``[data-testid=stApp]``'s ``data-test-script-state`` is ``notRunning``: a fast run's ``running`` can
come and go within one React render, so the attribute alone can miss it), nothing on the page is stale
(Streamlit marks an element left over from the previous run ``data-stale="true"``, and shows
``stSkeleton`` while a lazy part loads), and the figures are drawn (every plotly chart has its SVG,
every image is loaded, every component has rendered, and the live network view, if the page has one,
has painted its frame). The clock runs in the page (``performance.now()``), so no round trip to this
script is counted. The "script" column is the time until the "script finished" message; the rest is
the browser's.

- **cold**: the first visitor a freshly started server ever has (nothing cached yet), Home first;
- **warm**: a second, fresh browser context after another visitor has been on every page.

Before each click the script waits, as a reader would, until the page has loaded the chart library
in the background (ui/live/preload.py; a page without the preloader has nothing to wait for). Each
repeat starts a new server; ``--warm`` fresh contexts follow the cold one on each. **Home's first
load** in a fresh tab (empty browser cache, warm server; the clock starts at the navigation) is set
against a bare Streamlit page (a one-line app, ``st.title("x")``, served by the same streamlit in the
same run, measured the same way), alternating the two. The machine's load (``uptime``) is recorded
before and after.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, AppServer  # noqa: E402
from ui.navigation import KIT, PAGES  # noqa: E402

VIEWPORT = {"width": 1400, "height": 1000}

# Installed before any page script: counts the script runs that finished, from the server's messages. A fast
# run's "running" state can start and end within one React render and never reach the DOM, so the server's
# own word is read: a ForwardMsg whose field 6 (script_finished) is 0 (FINISHED_SUCCESSFULLY).
FINISHED_RUNS_JS = """(() => {
window.__finishedRuns = 0;
const finished = (bytes) => {
  let i = 0;
  const varint = () => {
    let v = 0, shift = 0, b;
    do { b = bytes[i++]; v += (b & 127) * 2 ** shift; shift += 7; } while (b & 128);
    return v;
  };
  while (i < bytes.length) {
    const tag = varint(), field = Math.floor(tag / 8), wire = tag & 7;
    if (wire === 0) { const v = varint(); if (field === 6) return v === 0; }
    else if (wire === 2) { const n = varint(); i += n; }
    else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else return false;
  }
  return false;
};
const Native = window.WebSocket;
window.WebSocket = class extends Native {
  constructor(...args) {
    super(...args);
    this.addEventListener('message', (e) => {
      if (e.data instanceof ArrayBuffer && finished(new Uint8Array(e.data))) {
        window.__finishedRuns++;
        window.__finishedAt = performance.now();
      }
    });
  }
};
})();
"""

# True once the run that was started has ended and what it drew is on screen.
READY_JS = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || window.__finishedRuns <= window.__runsBefore || app.dataset.testScriptState !== 'notRunning') return false;
  if (document.querySelector("[data-stale='true'], [data-testid='stSkeleton']")) return false;
  if (!document.querySelector("[data-testid='stMain'] h1")) return false;
  for (const chart of document.querySelectorAll("[data-testid='stPlotlyChart']"))
    if (!chart.querySelector('.main-svg')) return false;
  if (![...document.images].every((i) => i.complete)) return false;
  for (const host of document.querySelectorAll("[data-testid^='stBidiComponent']")) {
    const inner = host.shadowRoot || host;
    if (!inner.firstElementChild) return false;
    if (inner.querySelector('.nv')) {
      const v = window.__nnLiveView;
      if (!v || !inner.contains(v.box) || v.stats.frames === 0 || v.frame) return false;
    }
  }
  return true;
}"""

# What is not ready yet (for the error message of a page that never gets there).
WHY_JS = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  const count = (selector) => document.querySelectorAll(selector).length;
  return JSON.stringify({state: app && app.dataset.testScriptState, path: location.pathname,
    finishedRuns: window.__finishedRuns - window.__runsBefore,
    stale: count("[data-stale='true']"), skeleton: count("[data-testid='stSkeleton']"),
    h1: !!document.querySelector("[data-testid='stMain'] h1"),
    charts: [...document.querySelectorAll("[data-testid='stPlotlyChart']")].map((c) => !!c.querySelector('.main-svg')),
    images: [...document.images].filter((i) => !i.complete).length,
    components: [...document.querySelectorAll("[data-testid^='stBidiComponent']")].map(
      (h) => !!(h.shadowRoot || h).firstElementChild)});
}"""

# Wait (in the page, every animation frame and every DOM change) until READY_JS; resolve with the time.
WAIT_JS = """(ready, timeout) => new Promise((done, fail) => {
  const check = () => {
    if (ready()) { observer.disconnect(); done(performance.now()); return true; }
    return false;
  };
  const observer = new MutationObserver(() => check());
  observer.observe(document, {attributes: true, childList: true, subtree: true});
  const tick = () => {
    if (check()) return;
    if (performance.now() > limit) fail(new Error('not ready: ' + why()));
    else requestAnimationFrame(tick);
  };
  const limit = performance.now() + timeout;
  tick();
})"""

# Armed before a real click on a sidebar link: at the click (capture phase, before Streamlit sees it) the clock
# starts; the promise left in window.__visit resolves with the milliseconds until the page is ready.
ARM_JS = """(timeout) => {
  const why = WHY;
  const ready = READY;
  const wait = WAIT;
  window.__visit = new Promise((done, fail) => {
    document.addEventListener('click', () => {
      window.__runsBefore = window.__finishedRuns;
      const started = performance.now();
      wait(ready, timeout).then((end) => done([end - started, window.__finishedAt - started]), fail);
    }, {capture: true, once: true});
  });
}""".replace("WHY", WHY_JS).replace("READY", READY_JS).replace("WAIT", WAIT_JS)

# Since the navigation started (the page's clock starts there).
LOAD_JS = """async (timeout) => {
  window.__runsBefore = 0;
  const why = WHY;
  return [await (WAIT)(READY, timeout), window.__finishedAt];
}""".replace("WHY", WHY_JS).replace("READY", READY_JS).replace("WAIT", WAIT_JS)


def server_of(root: Path, script: str, log_dir: Path, extra: tuple[str, ...] = ()) -> AppServer:
    """`streamlit run <script>` from ``root`` (this tree or another checkout) with a data folder of its own."""
    data = tempfile.mkdtemp(prefix="page-speed-data-", dir=log_dir)
    return AppServer(log_dir, extra, root=root, script=script, env={"NN_DATA_DIR": data})


def load() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


Timing = tuple[float, float]   # seconds until ready, and until the server said the script had finished


def first_load(browser, url: str, timeout: float = 30_000) -> Timing:
    """A fresh tab (fresh context: empty cache) opening ``url``, timed from the navigation's start."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(FINISHED_RUNS_JS)
    page = context.new_page()
    page.set_default_timeout(timeout)
    try:
        page.goto(url, wait_until="commit")
        ready, finished = page.evaluate(LOAD_JS, timeout)
        return ready / 1000, finished / 1000
    finally:
        context.close()


def click(page, path: str, timeout: float) -> Timing:
    """Click the sidebar's link to ``path`` as a person does, timed from the click."""
    link = page.locator(f"[data-testid='stSidebarNav'] a[href$='{path}']") if path != "/" else \
        page.locator("[data-testid='stSidebarNav'] a").first
    link.wait_for()
    # A person reads a moment before clicking; the app loads the chart library then (ui/live/preload.py).
    page.evaluate("() => window.__nnPreload")
    page.evaluate(ARM_JS, timeout)
    link.click()
    try:
        ready, finished = page.evaluate("window.__visit")
    except Exception as error:
        raise RuntimeError(f"clicking the link to {path}: {error}") from None
    return ready / 1000, finished / 1000


PATHS = ["/" + entry.url_path for entry in PAGES + KIT]


def visit_all(browser, url: str, timeout: float = 30_000) -> dict[str, Timing]:
    """One visitor: Home loaded, then each page's link clicked from Home (each page's first visit)."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(FINISHED_RUNS_JS)
    page = context.new_page()
    page.set_default_timeout(timeout)
    times = {}
    try:
        page.goto(url, wait_until="commit")
        ready, finished = page.evaluate(LOAD_JS, timeout)
        times["/"] = ready / 1000, finished / 1000
        for path in PATHS[1:]:
            more = page.locator("[data-testid='stSidebarNavViewButton']")
            if more.count() and "more" in more.inner_text().lower():
                more.click()
            times[path] = click(page, path, timeout)
            click(page, "/", timeout)   # back to Home (its second visit, not counted)
    finally:
        context.close()
    return times


def summary(samples: list[Timing]) -> dict:
    ms = sorted(ready * 1000 for ready, _ in samples)
    server = statistics.median(finished * 1000 for _, finished in samples)
    return {"median_ms": round(statistics.median(ms)), "max_ms": round(ms[-1]), "n": len(ms),
            "server_median_ms": round(server)}


def measure(root: Path, repeats: int, warm: int, bare_runs: int, log_dir: Path) -> dict:
    from playwright.sync_api import sync_playwright

    bare_dir = Path(tempfile.mkdtemp(prefix="bare-", dir=log_dir))
    (bare_dir / "bare.py").write_text('import streamlit as st\n\nst.title("x")\n')
    cold: dict[str, list[Timing]] = {p: [] for p in PATHS}
    warm_times: dict[str, list[Timing]] = {p: [] for p in PATHS}
    home_first, bare_first = [], []
    loads = [load()]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        bare = server_of(bare_dir, "bare.py", log_dir)
        try:
            first_load(browser, bare.url)   # the bare server's own first visitor, not counted
            for repeat in range(repeats):
                server = server_of(root, "app.py", log_dir)
                try:
                    for path, timing in visit_all(browser, server.url).items():
                        cold[path].append(timing)
                    for _ in range(warm):
                        for path, timing in visit_all(browser, server.url).items():
                            warm_times[path].append(timing)
                    for _ in range(bare_runs):   # alternating: Home, bare, Home, bare ...
                        home_first.append(first_load(browser, server.url))
                        bare_first.append(first_load(browser, bare.url))
                finally:
                    server.stop()
                print(f"  repeat {repeat + 1}/{repeats} done; {load()}", file=sys.stderr)
        finally:
            bare.stop()
            browser.close()
    loads.append(load())
    pages = {path: {"cold": summary(cold[path]), "warm": summary(warm_times[path])} for path in PATHS}
    home, bare_page = summary(home_first), summary(bare_first)
    return {
        "root": str(root), "pages": pages,
        "first_visits": {"cold": summary([t for p in PATHS[1:] for t in cold[p]]),
                         "warm": summary([t for p in PATHS[1:] for t in warm_times[p]])},
        "home_first_load": home, "bare_first_load": bare_page,
        "home_over_bare": round(home["median_ms"] / bare_page["median_ms"], 2), "load": loads,
    }


def print_table(result: dict) -> None:
    names = {"/" + e.url_path: (e.url_path or "home") for e in PAGES + KIT}
    print(f"tree: {result['root']}")
    print(f"load before: {result['load'][0]}")
    print("ms from the click (Home: from the navigation) until ready; 'script' = until the server's script-finished "
          "message, the rest is the browser")
    print(f"{'page':10} {'cold median':>12} {'max':>6} {'script':>7} {'warm median':>12} {'max':>6} {'script':>7}")
    rows = [*result["pages"].items(), ("all clicks", result["first_visits"])]
    for path, row in rows:
        c, w = row["cold"], row["warm"]
        print(f"{names.get(path, path):10} {c['median_ms']:>12} {c['max_ms']:>6} {c['server_median_ms']:>7} "
              f"{w['median_ms']:>12} {w['max_ms']:>6} {w['server_median_ms']:>7}")
    h, b = result["home_first_load"], result["bare_first_load"]
    print(f"Home's first load in a fresh tab: median {h['median_ms']} ms (max {h['max_ms']}, script {h['server_median_ms']}); "
          f"bare Streamlit page median {b['median_ms']} ms (max {b['max_ms']}, script {b['server_median_ms']}): "
          f"{result['home_over_bare']}x")
    print(f"load after: {result['load'][1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=HERE, help="the checkout whose app.py is served (default: this one)")
    parser.add_argument("--repeats", type=int, default=3, help="fresh servers (cold visits) (default 3)")
    parser.add_argument("--warm", type=int, default=1, help="fresh contexts after the cold one, per server (default 1)")
    parser.add_argument("--bare", type=int, default=2, help="Home/bare first-load pairs per server (default 2)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as logs:
        result = measure(args.root.resolve(), args.repeats, args.warm, args.bare, Path(logs))
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print_table(result)


if __name__ == "__main__":
    main()
