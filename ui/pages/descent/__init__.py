"""Gradient descent: the landscapes and the walks tried on them (landscapes.py), the controls (controls.py),
the words (words.py)."""
