"""Swedish number formats: 1 234,5 with a non-breaking space, as Babel's sv_SE pattern gives.

Written out rather than through babel.numbers: Babel costs about a millisecond a number (its
locale lookups), and `status` writes hundreds of numbers. tests/unit/test_numbers.py checks
this against Babel's own output.
"""

from decimal import Decimal

LOCALE = "sv_SE"  # Babel's locale for the dates (goals/words.py, indicators/times.py)
NBSP = "\u00a0"
MINUS = "-"  # CLDR's minus sign for sv in the latn numbering system
INFINITY = "∞"


def format_number(value: float, decimals: int = 0) -> str:
    """format_number(1234.5, 1) == '1 234,5' (U+00A0 between the groups).

    Rounded half to even from the number's shortest decimal text (str), as Babel rounds; the
    sign is the value's own, so -0,4 rounds to '-0'."""
    exact = Decimal(str(value))
    sign = MINUS if exact.is_signed() else ""
    if exact.is_nan():
        return "NaN"
    if exact.is_infinite():
        return sign + INFINITY
    rounded = abs(exact).quantize(Decimal(1).scaleb(-decimals))
    return sign + f"{rounded:,f}".replace(",", NBSP).replace(".", ",")
