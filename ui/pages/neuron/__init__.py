"""One neuron: the activation, presets and words (controls.py), and the live view of the nine sliders (live.py)."""
