"""Backpropagation: the scratch copy that steps change (scratch.py), the controls (controls.py), the words (words.py)."""
