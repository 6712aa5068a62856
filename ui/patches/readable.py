"""What Streamlit's own markup draws too faint to read, made readable: one stylesheet, which app.py sends
with its page-wide styles on every run.

The theme (.streamlit/config.toml) sets the colours that Streamlit derives its greys from; this covers what the
theme cannot reach. Measured with axe-core (scripts/axe_survey.py); re-check on every Streamlit upgrade:

- a disabled box's label (the Inside page's Neuron box until a layer is chosen): Streamlit draws it in the text
  colour at 40 % (#A0A0A0 on white, 2.6:1). Its words still tell the learner what the box is for, so they are
  drawn at 5.3:1 (#6B6B6B), still lighter than a label in use (the box itself keeps its disabled look).
"""
from __future__ import annotations

READABLE_CSS = """<style>
[data-testid='stWidgetLabel'][disabled], [data-testid='stWidgetLabel'][disabled] * { color: #6B6B6B !important; }
</style>"""

