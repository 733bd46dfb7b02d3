"""Swedish number formats through Babel: 1 234,5 with a non-breaking space."""

from babel.numbers import format_decimal

LOCALE = "sv_SE"


def format_number(value: float, decimals: int = 0) -> str:
    """format_number(1234.5, 1) == '1 234,5' (U+00A0 between the groups)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = format_decimal(value, format=pattern, locale=LOCALE, decimal_quantization=True)
    # Babel uses U+00A0 for sv_SE grouping; normalise in case the CLDR data changes to U+202F.
    return text.replace("\u202f", "\u00a0")
