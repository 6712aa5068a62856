"""Streamlit components v2 built from the HTML/CSS/JS files beside this module (no CDN, no build step).

Each component's JS is one ES module made by joining files: the shared ones first
(``nn.js``: the forward pass, colours, base64 arrays), the component's own file last (it holds
the ``export default`` that Streamlit calls on every render). Everything a visitor could have
written reaches the JS only through ``data`` and is written with ``textContent``, never as markup.

Big payloads (weights, the test digits) are sent once per tab: ``send_once`` remembers, per
session, which digests this tab already holds; the JS keeps them in a window-level cache and
asks again (a ``missing`` trigger) if it does not have them, e.g. after a reload.
"""
from __future__ import annotations

import base64
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
import streamlit as st

from figures.colours import Palette
from ui import activity, state

LIVE_DIR = Path(__file__).parent


def source(files: Sequence[str]) -> str:
    """The text of ``files`` (in ui/live/), joined in order."""
    return "\n".join((LIVE_DIR / name).read_text(encoding="utf-8") for name in files)


@cache
def component(name: str, js: tuple[str, ...], css: tuple[str, ...] = (), html: str = ""):
    """Register the component ``name`` once per process; return its mount function."""
    return st.components.v2.component(name, html=html or None, css=source(css) or None, js=source(js))


# The view's own module, a few lines: it hands each render to the drawing code of its engine,
# whichever of the two modules loads first.
VIEW_MODULE = """export default function (given) {
  // the data comes wrapped in a list (see mount below)
  const component = Array.isArray(given.data) ? { ...given, data: given.data[0] } : given;
  const engines = (window.__nnEngines = window.__nnEngines || {});
  const slot = (engines[%(name)s] = engines[%(name)s] || { waiting: [] });
  if (slot.render) return slot.render(component);
  let cleanup = null, gone = false;
  slot.waiting.push(() => { if (!gone) cleanup = slot.render(component); });
  return () => { gone = true; if (cleanup) cleanup(); };
}"""

# Appended to the engine's files, whose drawing code defines ``render(component)``.
ENGINE_FOOTER = """
export default function () {
  const engines = (window.__nnEngines = window.__nnEngines || {});
  const slot = (engines[%(name)s] = engines[%(name)s] || { waiting: [] });
  slot.render = render;
  for (const job of slot.waiting.splice(0)) job();
}"""


@cache
def engine_and_view(name: str, js: tuple[str, ...], css: tuple[str, ...] = ()):
    """Two components for one live view: the engine (all the JS, mounted with no data) and the view.

    Streamlit sends a component's whole code again whenever its data changes, i.e. on every
    release. The engine's data never changes, so its code crosses the wire once per visit; the
    view carries the data, the CSS and a few lines that call the engine's ``render(component)``.
    Returns ``mount(key, data, **callbacks)``.
    """
    quoted = f'"{name}"'
    engine = st.components.v2.component(f"{name}_engine", js=source(js) + ENGINE_FOOTER % {"name": quoted})
    view = st.components.v2.component(name, css=source(css) or None, js=VIEW_MODULE % {"name": quoted})

    def mount(key: str, data: dict, **callbacks):
        callbacks = {name: _noted(callback) for name, callback in callbacks.items()}
        with st.container(gap=None):
            engine(key=f"{key}_engine", height=0)
            # wrapped in a list: Streamlit then sends it as JSON at once, instead of first asking each
            # of the dict's values whether it is a dataframe (6 ms a run, measured)
            return view(key=key, data=[data], **callbacks)

    return mount


def _noted(callback):
    """``callback``, after telling live training that this visitor is interacting (a release, a click)."""
    def noted(*args, **kwargs):
        activity.note_interaction()
        return callback(*args, **kwargs)

    return noted


def float32_base64(values: np.ndarray) -> str:
    """An array as base64 of its float32 bytes (little-endian), which the JS reads as a Float32Array."""
    return base64.b64encode(np.ascontiguousarray(values, dtype="<f4").tobytes()).decode("ascii")


def uint8_base64(values: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(values, dtype=np.uint8).tobytes()).decode("ascii")


def palette_data(palette: Palette) -> dict:
    """The colours every live view draws with (the JS reads them from here: it defines none of its own)."""
    return {"positive": list(palette.positive), "negative": list(palette.negative), "highlight": palette.highlight,
            "answer": palette.answer, "positive_name": palette.positive_name, "negative_name": palette.negative_name}


def send_once(digest: str, make) -> dict | None:
    """``make()`` the first time this tab needs the arrays named ``digest``; ``None`` once it has them."""
    sent = st.session_state.setdefault(state.LIVE_SENT, set())
    if digest in sent:
        return None
    sent.add(digest)
    return make()


def forget_sent(digests) -> None:
    """The tab says it lacks these (a reload, a cleared cache): send them again on the next run."""
    sent = st.session_state.setdefault(state.LIVE_SENT, set())
    for d in digests if isinstance(digests, list) else []:
        if isinstance(d, str):
            sent.discard(d)
