"""Draw a digit: the ways to give the network a digit (inputs.py), the drawing pad (pad.py)
and the checks of what the pad sends (pad_values.py)."""
