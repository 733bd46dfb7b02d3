"""Date columns as exports write them: Excel dates, Excel serials (even as text), and text."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from indicators.values import cell_text

_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
# Results are nanosecond timestamps (1677-09-21 to 2262-04-11). pandas reads year 1 or 9999 at a
# coarser unit, and such a date or an Excel serial far outside Excel's own range (1 = 1900-01-01)
# is no date to us: it reads as unreadable, so the loader names the cell, never a traceback.
_LAST_SERIAL = (pd.Timestamp.max.date() - _EXCEL_EPOCH.date()).days - 1
_TEXT_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%d/%m/%Y",
    "%d/%m/%Y %H:%M",
    "%Y%m%d",
    "%d.%m.%Y",
)


def parse_dates(values: pd.Series) -> pd.Series:
    """Excel dates, Excel serials (also as text) and the text formats police systems write."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    if pd.api.types.infer_dtype(values, skipna=True) in ("datetime", "date"):
        # A column of Excel dates, as calamine gives it: converted whole, not per cell.
        return _within_range(pd.to_datetime(values.astype(object), errors="coerce"))
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    # Masks built by hand: Series.map keeps a text column's string dtype when the column is
    # empty (a file with only its header), and a string "mask" cannot select or combine.
    is_datetime = _mask(values, lambda v: isinstance(v, (dt.datetime, dt.date)))
    result[is_datetime] = _within_range(
        pd.to_datetime(values[is_datetime].astype(object), errors="coerce")
    )
    is_serial = _mask(values, lambda v: isinstance(v, (int, float)) and not isinstance(v, bool))
    serials = pd.to_numeric(values[is_serial].astype(object), errors="coerce")
    serials = serials.where(serials.between(1, _LAST_SERIAL))
    result[is_serial] = _EXCEL_EPOCH + pd.to_timedelta(serials, unit="D")
    rest = values[~is_datetime & ~is_serial]
    text = pd.Series([cell_text(v) for v in rest], index=rest.index, dtype=object)
    for date_format in _TEXT_DATE_FORMATS:
        pending = result.loc[text.index].isna()
        if not pending.any():
            break
        candidates = text[pending]
        result.loc[candidates.index] = _within_range(
            pd.to_datetime(candidates, format=date_format, errors="coerce")
        )
    # An Excel serial that reached us as text ('44684'): five digits, 1954–2173.
    serial_text = text[result.loc[text.index].isna() & text.str.fullmatch(r"[2-9]\d{4}")]
    result.loc[serial_text.index] = _EXCEL_EPOCH + pd.to_timedelta(
        serial_text.astype(float), unit="D"
    )
    return result


def _mask(values: pd.Series, test) -> pd.Series:
    return pd.Series([bool(test(v)) for v in values], index=values.index, dtype=bool)


def _within_range(parsed: pd.Series) -> pd.Series:
    return parsed.where(parsed.between(pd.Timestamp.min, pd.Timestamp.max)).astype("datetime64[ns]")
