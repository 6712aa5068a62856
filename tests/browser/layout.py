"""What a screen shows, measured in the browser: sideways overflow, text printed over text, label sizes.

Shared by the layout tests (tests/browser/test_layouts.py) and the survey script
(scripts/layout_survey.py), which screenshots every page on every kind of screen.
"""
from __future__ import annotations

from dataclasses import dataclass

from tests.browser.harness import DRAWN_JS
from ui import state


@dataclass(frozen=True)
class Screen:
    """A kind of screen the app is used on."""
    name: str
    width: int
    height: int
    sidebar_open: bool = True
    large_text: bool = False      # the projector's large-text mode (?text=large)
    presenter: bool = False       # the presenter layout (?view=presenter): sidebar folded, figure first
    touch: bool = False
    smallest_label: int = 12      # px: the smallest text a figure may print here

    def query(self) -> str:
        parts = (["text=large"] if self.large_text else []) + (["view=presenter"] if self.presenter else [])
        return "?" + "&".join(parts) if parts else ""


SCREENS = (
    Screen("laptop", 1400, 1000),
    Screen("tablet-landscape", 1024, 768, touch=True),
    Screen("tablet-landscape-folded", 1024, 768, sidebar_open=False, touch=True),
    Screen("tablet-portrait", 768, 1024, touch=True),
    Screen("tablet-portrait-folded", 768, 1024, sidebar_open=False, touch=True),
    Screen("phone", 390, 844, sidebar_open=False, touch=True),
    Screen("projector", 1280, 720, sidebar_open=False, large_text=True, presenter=True, smallest_label=16),
)


def screen(name: str) -> Screen:
    return next(s for s in SCREENS if s.name == name)


# Every element (shadow roots included) that sticks out sideways past the viewport and is not
# clipped by an ancestor; every scroll box (the page's own main area too) that scrolls sideways;
# and every text cut off by its box (Streamlit clips some labels to one line).
# Elements of a folded sidebar are off-screen on purpose and are left out.
OVERFLOW_JS = """() => {
  const W = document.documentElement.clientWidth, found = [], scrolling = [], cut = [];
  const describe = (e) => {
    const id = e.getAttribute && (e.getAttribute('data-testid') || e.id || e.getAttribute('class') || '');
    return `${e.tagName.toLowerCase()}[${String(id).slice(0, 60)}] "${(e.textContent || '').trim().slice(0, 40)}"`;
  };
  const parent = (e) => e.parentElement || (e.getRootNode() instanceof ShadowRoot ? e.getRootNode().host : null);
  const sidebar = document.querySelector("[data-testid='stSidebar']");
  const folded = sidebar && sidebar.dataset.collapsed === 'true';
  const clipped = (e) => {
    for (let p = parent(e); p && p !== document.documentElement; p = parent(p)) {
      const x = getComputedStyle(p).overflowX;
      if (x === 'hidden' || x === 'clip') return true;
    }
    return false;
  };
  const walk = (root) => {
    for (const e of root.querySelectorAll('*')) {
      if (e.shadowRoot) walk(e.shadowRoot);
      if (folded && sidebar.contains(e)) continue;
      if (e.closest('#js-plotly-tester')) continue;   // plotly's measuring box, parked off-screen on purpose
      const style = getComputedStyle(e);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      // words for a screen reader only (a live view's description, visually hidden: 1 px, clipped away)
      if (style.clipPath === 'inset(50%)' || style.clip === 'rect(0px, 0px, 0px, 0px)') continue;
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && e.scrollWidth > e.clientWidth + 1
          && !e.closest("[data-testid='stDataFrame'], [data-testid='stTable'], .stCode, pre"))
        scrolling.push(`${describe(e)} scrolls ${e.scrollWidth - e.clientWidth} px sideways`);
      const own_text = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      const clips = style.overflowX === 'hidden' || style.overflowX === 'clip';
      if (own_text && clips && !e.closest("[data-testid='stSkipToContent']") && e.scrollWidth > e.clientWidth + 1)
        cut.push(`${describe(e)} is cut off: ${e.scrollWidth} px of text in ${e.clientWidth}`);
      if ((r.right > W + 1 || r.left < -1) && !clipped(e)) {
        const p = parent(e), pr = p && p.getBoundingClientRect();
        if (!pr || !(pr.right > W + 1 || pr.left < -1))
          found.push(`${describe(e)} spans ${Math.round(r.left)}..${Math.round(r.right)} of ${W}`);
      }
    }
  };
  walk(document);
  if (folded && sidebar.getBoundingClientRect().right > 1)
    found.push(`the folded sidebar still shows ${Math.round(sidebar.getBoundingClientRect().right)} px`);
  const page = document.documentElement.scrollWidth - W;
  if (page > 1) scrolling.push(`the page scrolls ${page} px sideways`);
  return {wide: found.slice(0, 12), scrolling: scrolling.slice(0, 12), cut: cut.slice(0, 12)};
}"""

# Text printed over other text: the line boxes of every visible text (HTML and plotly's SVG),
# compared pairwise. Two different texts whose boxes overlap by more than 2 px each way count.
OVERLAPPING_TEXT_JS = """() => {
  const boxes = [];
  const visible = (e) => {
    const up = (p) => p.parentElement || (p.getRootNode() instanceof ShadowRoot ? p.getRootNode().host : null);
    for (let p = e; p && p.nodeType === 1; p = up(p)) {
      const s = getComputedStyle(p);
      if (s.visibility === 'hidden' || s.display === 'none' || Number(s.opacity) === 0) return false;
      if (s.clipPath === 'inset(50%)' || s.clip === 'rect(0px, 0px, 0px, 0px)') return false;   // for screen readers only
    }
    return true;
  };
  const sidebar = document.querySelector("[data-testid='stSidebar']");
  const folded = sidebar && sidebar.dataset.collapsed === 'true';
  const collect = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === 1) { if (n.shadowRoot) collect(n.shadowRoot); continue; }
      const words = n.textContent.trim();
      const host = n.parentElement;
      if (!words || !host || ['SCRIPT', 'STYLE', 'TITLE', 'OPTION'].includes(host.tagName)) continue;
      if (folded && sidebar.contains(host)) continue;
      // tooltips, and the skip link a keyboard user sees only once it has the focus
      if (host.closest("[role='tooltip'], [data-baseweb='tooltip'], [data-testid='stTooltipContent'], .hoverlayer, "
                       + "[data-testid='stSkipToContent'], #js-plotly-tester")) continue;
      if (!visible(host)) continue;
      const shut = host.closest('details:not([open])');   // a folded expander: only its title shows
      if (shut && !host.closest('summary')) continue;
      let rects, node = n;
      if (host instanceof SVGElement) {   // one SVG text (its tspans are parts of it): its box
        node = host.closest('text') || host;
        if (boxes.some((b) => b.node === node)) continue;
        rects = [node.getBoundingClientRect()];
      } else { const range = document.createRange(); range.selectNodeContents(n); rects = [...range.getClientRects()]; }
      for (const r of rects) if (r.width > 1 && r.height > 1) boxes.push({words: words.slice(0, 30), node, r});
    }
  };
  collect(document.body);
  const found = [];
  for (let i = 0; i < boxes.length && found.length < 12; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.node === b.node) continue;
      const dx = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const dy = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (dx > 2 && dy > 2) { found.push(`"${a.words}" over "${b.words}"`); if (found.length >= 12) break; }
    }
  }
  return found;
}"""

# The smallest font size of any figure's text: plotly's SVG texts and the live views' canvas labels.
SMALLEST_FIGURE_TEXT_JS = """() => {
  const sizes = [];
  for (const t of document.querySelectorAll('.js-plotly-plot .main-svg text')) {
    if (!t.textContent.trim() || t.getBoundingClientRect().width === 0) continue;
    // plotly shrinks a label that does not fit (a scale() transform): the size on screen is what counts
    const m = t.getScreenCTM(), scale = m ? Math.hypot(m.a, m.b) : 1;
    sizes.push({size: parseFloat(getComputedStyle(t).fontSize) * scale, words: t.textContent.trim().slice(0, 30)});
  }
  const view = window.__nnLiveView;
  if (view && view.labels) for (const label of view.labels) sizes.push({size: label.size, words: label.text});
  sizes.sort((a, b) => a.size - b.size);
  return sizes.slice(0, 3);
}"""

# The live network view's labels (drawn on its canvas): the pairs that overlap, and any outside it.
LIVE_LABEL_PROBLEMS_JS = """() => {
  const view = window.__nnLiveView;
  if (!view || !view.labels) return null;
  const labels = view.labels, size = view.geometry.size, found = [];
  for (let i = 0; i < labels.length; i++) {
    const a = labels[i];
    if (a.left < -0.5 || a.right > size.width + 0.5 || a.top < -0.5 || a.bottom > size.height + 0.5)
      found.push(`"${a.text}" outside the figure`);
    for (let j = i + 1; j < labels.length; j++) {
      const b = labels[j];
      const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (dx > 0.5 && dy > 0.5) found.push(`"${a.text}" over "${b.text}"`);
    }
  }
  return {count: labels.length, problems: found};
}"""


# On a phone, every plotly chart on the page: a legend on a plot area (over the bars or lines), and any text of the
# figure that sticks out of it (cut off at its edge). Boxes as the browser lays them out.
CHART_PROBLEMS_JS = """() => {
  const found = [], box = (e) => e.getBoundingClientRect();
  const meets = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1
                          && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  const charts = [...document.querySelectorAll('.js-plotly-plot')];
  for (const g of charts) {
    const name = (g.closest("[class*='st-key-']")?.className.match(/st-key-([\\w-]+)/) || [])[1] || '?';
    const svg = box(g.querySelector('.main-svg'));
    const areas = Object.values(g._fullLayout._plots || {}).map((p) => ({
      left: svg.left + p.xaxis._offset, right: svg.left + p.xaxis._offset + p.xaxis._length,
      top: svg.top + p.yaxis._offset, bottom: svg.top + p.yaxis._offset + p.yaxis._length}));
    const legend = g.querySelector('.legend .bg') || g.querySelector('.legend');
    if (legend && box(legend).width > 0 && areas.some((a) => meets(box(legend), a)))
      found.push(`${name}: its legend ${JSON.stringify(box(legend))} is on the plot ${JSON.stringify(areas)}`);
    for (const t of g.querySelectorAll('text')) {
      const r = box(t);
      if (!t.textContent.trim() || r.width === 0) continue;
      if (r.left < svg.left - 1 || r.right > svg.right + 1 || r.top < svg.top - 1 || r.bottom > svg.bottom + 1)
        found.push(`${name}: "${t.textContent.trim().slice(0, 40)}" sticks out of the figure ${JSON.stringify(r)}`);
    }
  }
  return {charts: charts.length, found};
}"""


def layout_problems(page) -> dict:
    """Everything wrong with what ``page`` shows now (empty lists when nothing is)."""
    overflow = page.evaluate(OVERFLOW_JS)
    labels = page.evaluate(LIVE_LABEL_PROBLEMS_JS)
    phone = (page.viewport_size or {}).get("width", 1000) < 500
    return {"wide": overflow["wide"], "scrolling": overflow["scrolling"], "cut-off text": overflow["cut"],
            "overlapping text": page.evaluate(OVERLAPPING_TEXT_JS),
            "overlapping figure labels": labels["problems"] if labels else [],
            "chart legends and figure text (phone)": page.evaluate(CHART_PROBLEMS_JS)["found"] if phone else []}


# Play first: each figure page's main figure (the element of that key) starts on the first screen, under the
# page's title and at most a line or two of words and its controls; at least this much of it shows.
MAIN_FIGURES = {"": state.HOME_LIVE, "draw": state.PAD, "neuron": state.ONE_LIVE, "inside": state.INSIDE_LIVE,
                "knobs": state.KNOBS_LIVE, "cost": "cost_bars", "descent": "descent_curve", "train": "loss_chart",
                "backprop": "backprop_network"}
MAIN_FIGURE_SHOWN = 150        # px of the main figure on the first screen, at least
LESSON_CARD_SHARE = 0.25       # of the first screen, at most, on a tablet or a laptop (tests/browser/test_lesson.py)
FIRST_SCREENS = ("laptop", "tablet-landscape")

FIRST_SCREEN_JS = """([figure, card]) => {
  const top = (selector) => { const e = document.querySelector(selector);
    return e ? e.getBoundingClientRect().toJSON() : null; };
  return {figure: top(figure), card: top(card), height: window.innerHeight};
}"""


def first_screen_problems(page, path: str) -> list[str]:
    """What keeps the page's main figure off its first screen, or lets the lesson card take more than its share
    (the page is expected at rest, scrolled to its top)."""
    key = MAIN_FIGURES.get(path)
    if key is None:
        return []
    found = page.evaluate(FIRST_SCREEN_JS, [f"[class*='st-key-{key}']", "[class*='st-key-lesson_card']"])
    height, figure, card = found["height"], found["figure"], found["card"]
    problems = []
    if figure is None:
        problems.append(f"no main figure ({key}) on the page")
    elif figure["top"] > height - MAIN_FIGURE_SHOWN:
        problems.append(f"the main figure ({key}) starts at {figure['top']:.0f} px, below the first screen's "
                        f"{height - MAIN_FIGURE_SHOWN} px")
    if card is not None and card["height"] > LESSON_CARD_SHARE * height:
        problems.append(f"the lesson card takes {card['height']:.0f} of {height} px")
    return problems


# The server knows what kind of screen this is (ui/live/screen.py): on a phone, after the one extra run it needs.
SCREEN_AGREED_JS = "() => window.__nnScreen && window.__nnScreen.kind === window.__nnScreen.known"

SIDEBAR_SHOWN_JS = "() => document.querySelector(\"[data-testid='stSidebar']\")?.dataset.collapsed === 'false'"


def fold_sidebar(page) -> None:
    """Fold the sidebar as a visitor does, with its own button (no-op when it is folded already)."""
    if page.evaluate(SIDEBAR_SHOWN_JS):
        page.locator("[data-testid='stSidebar']").hover()
        page.locator("[data-testid='stSidebarCollapseButton'] button").click()
        page.wait_for_function(f"() => !({SIDEBAR_SHOWN_JS})()")
        page.wait_for_function(DRAWN_JS)   # the page settles into the room


def open_sidebar(page, tries: int = 3) -> None:
    """Open the sidebar with Streamlit's own button, as a visitor does, and press again if it stays folded (in one
    full run it was still folded 30 s after the press; cause not found). The sidebar says it is open as soon as a
    press is taken, before its animation, so a second press never folds it back."""
    for attempt in range(tries):
        if page.evaluate(SIDEBAR_SHOWN_JS):
            break
        page.locator("[data-testid='stExpandSidebarButton']").click()
        try:
            page.wait_for_function(SIDEBAR_SHOWN_JS, timeout=5_000)
        except Exception:
            if attempt == tries - 1:
                raise
    page.wait_for_function(DRAWN_JS)
