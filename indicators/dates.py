"""Date columns as exports write them: Excel dates, Excel serials (even as text), and text."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from indicators.values import cell_text

_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
_TEXT_DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y",
                      "%d/%m/%Y %H:%M", "%Y%m%d", "%d.%m.%Y")


def parse_dates(values: pd.Series) -> pd.Series:
    """Excel dates, Excel serials (also as text) and the text formats police systems write."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    is_datetime = values.map(lambda v: isinstance(v, (dt.datetime, dt.date)))
    result[is_datetime] = pd.to_datetime(values[is_datetime].astype(object))
    is_serial = values.map(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool))
    serials = pd.to_numeric(values[is_serial], errors="coerce")
    result[is_serial] = _EXCEL_EPOCH + pd.to_timedelta(serials, unit="D")
    text = values[~is_datetime & ~is_serial].map(cell_text)
    for date_format in _TEXT_DATE_FORMATS:
        pending = result.loc[text.index].isna()
        if not pending.any():
            break
        candidates = text[pending]
        result.loc[candidates.index] = pd.to_datetime(candidates, format=date_format,
                                                      errors="coerce")
    # An Excel serial that reached us as text ('44684'): five digits, 1954–2173.
    serial_text = text[result.loc[text.index].isna() & text.str.fullmatch(r"[2-9]\d{4}")]
    result.loc[serial_text.index] = _EXCEL_EPOCH + pd.to_timedelta(serial_text.astype(float), unit="D")
    return result
