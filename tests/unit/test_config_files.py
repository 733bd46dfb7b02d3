"""Reading people-edited YAML: every problem in Swedish with file, line, field and value."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ConfigDict

from indicators.config_files import ConfigError, load_model


class Inner(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    year: int


class Outer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    items: list[Inner]


def _load(tmp_path, text: str, encoding: str = "utf-8"):
    path = tmp_path / "instaellningar.yaml"
    path.write_bytes(text.encode(encoding))
    return load_model(path, Outer, display_name="instaellningar.yaml")


def test_valid_file_loads(tmp_path):
    assert _load(tmp_path, "items:\n  - {name: a, year: 2019}\n").items[0].year == 2019


def test_all_problems_are_reported_at_once(tmp_path):
    text = "items:\n  - name: a\n    year: tjugo\n  - name: b\n    yaer: 2020\n"
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, text)
    assert [str(p) for p in caught.value.problems] == [
        "instaellningar.yaml, rad 3, fält items[0].year: förväntade ett heltal; hittade 'tjugo'.",
        "instaellningar.yaml, rad 4, fält items[1].year: fältet saknas.",
        "instaellningar.yaml, rad 5, fält items[1].yaer: okänt fält (stavfel?); hittade 2020.",
    ]


def test_a_file_that_is_not_utf8_is_refused_readably(tmp_path):
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, "items:\n  - {name: Malmö, year: 2019}\n", encoding="latin-1")
    assert "filen är inte UTF-8" in str(caught.value)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_model(tmp_path / "saknas.yaml", Outer)
    assert "saknas.yaml: filen finns inte." in str(caught.value)


def test_an_empty_file_says_what_is_missing(tmp_path):
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, "")
    assert "förväntade en mappning" in str(caught.value)
