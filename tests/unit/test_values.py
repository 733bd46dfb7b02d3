"""Swedish cells as real exports write them (formats.md §0)."""

import pytest

from indicators.values import (
    ValueProblem,
    is_missing,
    month_number,
    normalise_code,
    normalise_label,
    parse_count,
    parse_number,
)


@pytest.mark.parametrize(
    "text, number",
    [
        ("1,84", 1.84),
        ("1 234", 1234.0),
        ("1\u00a0234,5", 1234.5),
        ("1\u202f234", 1234.0),
        ("12 %", 12.0),
        ("12%", 12.0),
        (" 7 ", 7.0),
        (96, 96.0),
        (2.21, 2.21),
        ("1.234,5", 1234.5),
        ("-3", -3.0),
    ],
)
def test_swedish_numbers(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize(
    "mark", ["..", ".", "-", "–", "x", "XX", "", "Värde saknas", None, float("nan")]
)
def test_missing_is_none_never_zero(mark):
    assert is_missing(mark)
    assert parse_number(mark) is None


def test_text_that_is_no_number_is_a_problem():
    with pytest.raises(ValueProblem):
        parse_number("tolv")


@pytest.mark.parametrize("value", ["4,5", "-1", -2])
def test_counts_are_whole_and_not_negative(value):
    with pytest.raises(ValueProblem):
        parse_count(value)


def test_codes_get_their_leading_zero_back():
    assert normalise_code(857) == "0857"
    assert normalise_code(857.0) == "0857"
    assert normalise_code("874") == "0874"
    assert normalise_code("1287") == "1287"


def test_headers_match_case_accent_space_and_footnote_tolerantly():
    assert normalise_label(" SAMTLIGA  BROTT2") == "samtliga brott"
    assert normalise_label("Område") == "omrade"
    assert normalise_label("Lokalpolisområde1") == "lokalpolisomrade"


@pytest.mark.parametrize(
    "text, month",
    [
        ("Jan", 1),
        ("Maj", 5),
        ("okt", 10),
        ("Okt.", 10),
        ("december", 12),
        ("Marknad", None),
        ("Kvartal 1", None),
    ],
)
def test_swedish_months(text, month):
    assert month_number(text) == month
