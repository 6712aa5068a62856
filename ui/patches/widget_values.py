"""Widget values a browser sends are checked before Streamlit uses them.

A real browser only sends what its widgets can produce. A modified client can send anything
over the websocket: a list to a radio button, NaN to a whole-number box, a string to a
slider. Streamlit then fails while *deserialising* the value, before any of this app's code
runs (so ``ui.guard`` cannot catch it), and since the value stays in the session, every
later run fails the same way: that visitor's page is broken for good.

``install()`` wraps the two places where Streamlit keeps a sent value (pinned
streamlit==1.67.0): storing it, and a widget's first run. A value whose kind is not the
widget's own, that its deserialiser rejects, or that holds a NaN or infinity is dropped as
if it had never been sent: the widget keeps its previous value. A message of widget values
too large for Streamlit is ignored whole. A component's JSON (its events and its state) is
bounded before Streamlit decodes it: longer than ``MAX_JSON_CHARS`` or nested deeper than
``MAX_JSON_DEPTH``, it is dropped too (a 2 kB event nested 1,000 deep made Streamlit's own
decoder raise, outside any of the app's guards). Re-check on every Streamlit upgrade (see ui/patches/):
tests/hostile/test_widget_value_guard.py checks ``problem`` for every kind of value, and
tests/hostile/test_websocket_values.py sends such values to a real widget of each kind.
"""
from __future__ import annotations

import json
import logging
import math

from streamlit.runtime.state.common import unpack_widget_state_value
from streamlit.runtime.state.session_state import SessionState, WStates

log = logging.getLogger("nn_explainer")
_MARK = "_nn_explainer_checked"
# A browser sends a whole number as int_value to a number box Streamlit registered with double_value.
KIND_GROUP = {"int_value": "number", "double_value": "number", "int_array_value": "numbers",
              "double_array_value": "numbers"}
# Kinds whose deserialiser is a pure conversion, safe to try on a sent value before storing it.
TRIED = {"double_value", "int_value", "string_value", "bool_value", "double_array_value", "int_array_value",
         "string_array_value", "trigger_value", "string_trigger_value", "json_value", "json_trigger_value"}
JSON_KINDS = {"json_value", "json_trigger_value"}
MAX_JSON_CHARS = 2_000_000   # the largest a real component sends: the pad's PNG (at most 533 kB as base64) and strokes
MAX_JSON_DEPTH = 32          # the deepest a real component sends is 4 (a list of events, a stroke list, a stroke)


def _deeper_than(value, limit: int) -> bool:
    """Whether lists and objects inside ``value`` nest more than ``limit`` levels (a walk without recursion)."""
    waiting = [(value, 1)]
    while waiting:
        item, depth = waiting.pop()
        if isinstance(item, (list, dict)):
            if depth > limit:
                return True
            waiting.extend((inner, depth + 1) for inner in (item.values() if isinstance(item, dict) else item))
    return False


def _json_problem(text) -> str | None:
    """Why a component's JSON text is not decoded at all: too long, or nested too deep (text that is not JSON is
    left to Streamlit, which keeps a trigger's as text and refuses a state's)."""
    if not isinstance(text, str) or len(text) > MAX_JSON_CHARS:
        return f"component JSON longer than {MAX_JSON_CHARS:,} characters"
    try:
        value = json.loads(text)
    except ValueError:
        return None
    except RecursionError:            # nesting past Python's own limit
        return f"component JSON nested deeper than {MAX_JSON_DEPTH} levels"
    if _deeper_than(value, MAX_JSON_DEPTH):
        return f"component JSON nested deeper than {MAX_JSON_DEPTH} levels"
    return None


def _finite(value) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, (list, tuple)):
        return all(_finite(item) for item in value)
    return True


def _unknown_option(metadata, sent) -> str | None:
    """A sent option label that a radio, selectbox, select slider or segmented control does not have."""
    serde = getattr(metadata.deserializer, "__self__", None)
    known = getattr(serde, "formatted_option_to_option_index", None) or getattr(serde, "formatted_option_to_index", None)
    if known is None or getattr(serde, "accept_new_options", False):
        return None
    for label in ([sent] if isinstance(sent, str) else sent if isinstance(sent, list) else []):
        if isinstance(label, str) and label not in known:
            return label
    return None


def _out_of_range(metadata, sent) -> bool:
    """A number outside the widget's own [min, max] (a slider would silently fall back to its default)."""
    serde = getattr(metadata.deserializer, "__self__", None)
    low, high = getattr(serde, "min_value", None), getattr(serde, "max_value", None)
    if not all(isinstance(v, (int, float)) for v in (low, high)):
        return False
    values = sent if isinstance(sent, list) else [sent]
    return any(isinstance(v, (int, float)) and not low <= v <= high for v in values)


def problem(metadata, widget_state) -> str | None:
    """Why a sent value cannot be used by this widget, or None if it can."""
    kind = widget_state.WhichOneof("value")
    if kind is None:
        return None  # a cleared value
    if KIND_GROUP.get(kind, kind) != KIND_GROUP.get(metadata.value_type, metadata.value_type):
        return f"{kind} sent to a widget of {metadata.value_type}"
    if kind not in TRIED:
        return None
    if kind in JSON_KINDS:
        why = _json_problem(getattr(widget_state, kind))
        if why is not None:
            return why
    try:
        sent = unpack_widget_state_value(widget_state)   # (json_value is parsed here)
    except Exception as exc:  # noqa: BLE001 (whatever the unpacking raises)
        return f"{type(exc).__name__}: {exc}"
    if kind.endswith("_array_value"):
        sent = list(sent)
    if not _finite(sent):  # checked as sent: a deserialiser may clamp infinity to a slider's end
        return "a value that is not a finite number"
    if _out_of_range(metadata, sent):
        return "a number outside the widget's range"
    unknown = _unknown_option(metadata, sent)
    if unknown is not None:  # a choice widget would silently take its default instead
        return f"{unknown[:40]!r} is not one of the widget's options"
    try:
        value = metadata.deserializer(sent)
    except Exception as exc:  # noqa: BLE001 (whatever the deserialiser raises)
        return f"{type(exc).__name__}: {exc}"
    return None if _finite(value) else "a value that is not a finite number"


def install() -> None:
    """Check every widget value a browser sends before Streamlit keeps it (idempotent)."""
    if getattr(WStates, _MARK, False):
        return
    store, register, store_all = WStates.set_widget_from_proto, SessionState.register_widget, \
        SessionState.set_widgets_from_proto

    def checked_store(self: WStates, widget_state) -> None:
        metadata = self.widget_metadata.get(widget_state.id)
        why = problem(metadata, widget_state) if metadata is not None else None
        if why is not None:
            log.warning("dropped a widget value sent for %s: %s", widget_state.id, why)
            return
        store(self, widget_state)

    def checked_store_all(self: SessionState, widget_states) -> None:
        try:
            store_all(self, widget_states)
        except Exception as exc:  # noqa: BLE001 (too large a message: use none of its values)
            log.warning("dropped a whole message of widget values: %s", exc)

    def checked_register(self: SessionState, metadata, user_key):
        # A value sent before the widget's first run could not be checked when it arrived.
        try:
            return register(self, metadata, user_key)
        except Exception as exc:  # noqa: BLE001
            if metadata.id not in self._new_widget_state.states:
                raise
            log.warning("dropped a widget value sent for %s: %s", metadata.id, exc)
            del self._new_widget_state.states[metadata.id]
            return register(self, metadata, user_key)

    WStates.set_widget_from_proto = checked_store
    SessionState.set_widgets_from_proto = checked_store_all
    SessionState.register_widget = checked_register
    setattr(WStates, _MARK, True)
