"""Numbers as learners read them, in every figure and sentence: one place, one set of rules.

A true minus sign (−, not -), the sign always shown where it means something, and never
"−0.00" or "+0.00" for a value whose sign is known: tiny values are written in powers of ten.
Rounding is Python's: the exact binary value, ties to even. The browser's copy of ``number`` and
``signed`` (ui/live/nn.js) rounds the same way; tests/browser/test_live_maths.py compares them.
"""
from __future__ import annotations

POWERS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def minus(text: str) -> str:
    """'-1.5' -> '−1.5'."""
    return text.replace("-", "−")


def power_of_ten(value: float, digits: int = 2, times: str = " × ") -> str:
    """3.2 × 10⁻⁵ (``digits`` significant figures), without a sign."""
    mantissa, exponent = f"{abs(value):.{digits - 1}e}".split("e")
    return f"{mantissa}{times}10{str(int(exponent)).translate(POWERS)}"


def number(value: float, digits: int = 2) -> str:
    """'0.77', '−0.99' to ``digits`` decimals: a true minus sign, and none on a value that rounds to 0 ('0.000')."""
    text = f"{abs(value):.{digits}f}"
    return ("−" if value < 0 and float(text) != 0 else "") + text


def signed(value: float, digits: int = 2) -> str:
    """'+1.20', '−0.45' to ``digits`` decimals (values that round to 0 show as '+0.00')."""
    return minus(f"{round(value, digits) + 0.0:+.{digits}f}")


def signed_number(value: float) -> str:
    """+0.0312 or −2.4 × 10⁻⁶: four decimals, or a power of ten below 0.001, so never ±0.0000 for non-zero."""
    if value == 0 or abs(value) >= 1e-3:
        return minus(f"{value:+.4f}")
    return ("−" if value < 0 else "+") + power_of_ten(value, 3)


def signed_figures(value: float, digits: int = 3) -> str:
    """'+0.631', '−0.21': ``digits`` significant figures with their sign; '0' for zero."""
    text = f"{value:+.{digits}g}"
    return "0" if float(text) == 0 else minus(text)


def size(value: float) -> str:
    """A length or a slope's size: 3 significant figures, small ones in powers of ten (3.2 × 10⁻⁵)."""
    value = abs(float(value))
    if value == 0:
        return "0"
    return f"{value:.3g}" if value >= 1e-3 else power_of_ten(value, 2)


def signed_size(value: float) -> str:
    """'−0.413', '+1.24', '−5.8 × 10⁻¹⁷': ``size`` with its sign (none for 0)."""
    return ("−" if value < 0 else "+" if value > 0 else "") + size(value)


def bar_label(value: float) -> str:
    """A short label for a bar: '+0.64', '−0.003', '−3·10⁻⁶'; its sign always shown, never ±0.00."""
    if value == 0:
        return "0"
    sign, magnitude = ("+" if value > 0 else "−"), abs(value)
    if magnitude >= 0.01:
        return f"{sign}{magnitude:.2f}"
    exponent = int(f"{magnitude:.0e}".split("e")[1])
    if exponent >= -4:
        return f"{sign}{float(f'{magnitude:.1g}'):.{-exponent}f}"
    return sign + power_of_ten(magnitude, 1, "·")
