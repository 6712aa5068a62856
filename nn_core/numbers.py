"""Reading numbers that people type (a command line, a link): strictly, with one readable error.

Python's int() and float() accept more than a person means: " 7 ", "1_0", "٣" (another script's
3), "nan" and "inf". These accept plain ASCII digits only, and finite numbers.
"""
from __future__ import annotations

import math
import re

WHOLE_NUMBER = re.compile(r"[0-9]+")
DECIMAL = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")


def whole_number(text: str) -> int:
    """'10' -> 10; ValueError for anything but digits 0-9 (no sign, spaces or underscores)."""
    if not isinstance(text, str) or not WHOLE_NUMBER.fullmatch(text):
        raise ValueError(f"{str(text)[:40]!r} is not a whole number like 10")
    return int(text)


def decimal_number(text: str) -> float:
    """'0.5' or '1e-4' -> a finite float; ValueError for nan, inf, '1_0' and the like."""
    value = float(text) if isinstance(text, str) and DECIMAL.fullmatch(text) else math.nan
    if not math.isfinite(value):
        raise ValueError(f"{str(text)[:40]!r} is not a number like 0.5")
    return value
