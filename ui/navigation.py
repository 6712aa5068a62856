"""The app's navigation: its pages in lesson order, the one list st.navigation (app.py), the home page,
the lesson and every "Next" link read. To add a page: a script in pages/, an entry here, its parts in
ui/pages/ (and its settings, if a link can carry them, in ui/links/tables.py).

The order follows the ideas: a digit goes in; one neuron; the whole network; turning its knobs
by hand; the labelled data; the cost that says how wrong it is; walking downhill on that cost;
the network learning that way; how the gradient is found (backpropagation); and a recap.
"""
from __future__ import annotations

import copy
import functools
from dataclasses import dataclass
from pathlib import Path

import streamlit as st


@dataclass(frozen=True)
class PageEntry:
    script: str       # the page's file, relative to app.py
    title: str        # as in the sidebar
    icon: str
    url_path: str     # "" for the home page
    summary: str      # what the learner does there, for the home page's list and "Next" links


PAGES = (
    PageEntry("pages/home.py", "What is a neural network?", ":material/psychology:", "",
              "the ideas in plain words"),
    PageEntry("pages/draw.py", "Draw a digit", ":material/draw:", "draw",
              "draw a digit and see what the network says"),
    PageEntry("pages/neuron.py", "One neuron", ":material/radio_button_checked:", "neuron",
              "a weighted sum plus a bias, squashed by the sigmoid"),
    PageEntry("pages/inside.py", "Inside the network", ":material/hub:", "inside",
              "follow the signal layer by layer, and look at any neuron"),
    PageEntry("pages/knobs.py", "Turn the knobs", ":material/tune:", "knobs",
              "change biases and weights by hand and see what happens"),
    PageEntry("pages/data.py", "Training and test data", ":material/grid_view:", "data",
              "the labelled digits it learns from, and the ones it never sees"),
    PageEntry("pages/cost.py", "The cost", ":material/functions:", "cost",
              "one number that says how wrong the network is"),
    PageEntry("pages/descent.py", "Gradient descent", ":material/landscape:", "descent",
              "the cost as a landscape, and a walk downhill"),
    PageEntry("pages/train.py", "Watch it learn", ":material/monitoring:", "train",
              "gradient descent lowering the cost of the real network, live"),
    PageEntry("pages/backprop.py", "Backpropagation", ":material/undo:", "backprop",
              "how one example's error reaches every weight"),
    PageEntry("pages/recap.py", "Recap", ":material/summarize:", "recap",
              "every idea in one page, with where to see it"),
)


# The teacher's kit: pages beside the lesson, not steps of it (no "Next" leads there).
KIT = (
    PageEntry("pages/worksheet.py", "Worksheet", ":material/print:", "worksheet",
              "the lesson's questions on paper, with room for predictions"),
    PageEntry("pages/teacher.py", "For teachers", ":material/school:", "teacher",
              "how to run the lesson, and its answer key"),
    PageEntry("pages/join.py", "Join a class", ":material/groups:", "join",
              "type the code on the board; your page then follows your teacher"),
    PageEntry("pages/console.py", "Teacher's console", ":material/co_present:", "console",
              "a class code for the board, the class's answers, handwriting and challenge"),
)


def st_pages(root: Path) -> list[st.Page]:
    """The pages for st.navigation (app.py, in the folder ``root``): a fresh copy on every run, as st.navigation marks
    its run's copy as the one to run. Made once per process: an st.Page resolves and checks its script on the disk,
    which took 5 % of the server's time under a class of 30 (py-spy, scripts/class_load.py)."""
    return [copy.copy(page) for page in _made_pages(root)]


@functools.lru_cache(maxsize=4)
def _made_pages(root: Path) -> tuple[st.Page, ...]:
    return tuple(st.Page(root / page.script, title=page.title, icon=page.icon, default=not page.url_path,
                         **({"url_path": page.url_path} if page.url_path else {})) for page in PAGES + KIT)


def entry(url_path: str) -> PageEntry:
    return next(page for page in PAGES + KIT if page.url_path == url_path)


def following(url_path: str) -> PageEntry | None:
    """The page after ``url_path`` in lesson order (None after the last)."""
    index = [page.url_path for page in PAGES].index(url_path)
    return PAGES[index + 1] if index + 1 < len(PAGES) else None


def show_next(url_path: str) -> None:
    """The bottom of a page: a link on to the next page of the lesson."""
    after = following(url_path)
    if after is None:
        return
    st.divider()
    st.page_link(after.script, label=f"Next: {after.title} — {after.summary} →", icon=after.icon)


def cost_link() -> None:
    """Where a page first says "cost": a link to the page that defines it."""
    st.page_link("pages/cost.py", label="What is the cost? (how wrong the network is, as one number)",
                 icon=":material/functions:")
