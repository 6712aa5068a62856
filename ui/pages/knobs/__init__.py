"""Turn the knobs: the live view's sliders and resets (controls.py), the guided experiments (experiments.py),
the edits in a link (edits_link.py)."""
