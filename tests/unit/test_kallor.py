"""The sources' limits the lägesbild records live in kommunlagesbild/kallor.yaml, which analysts
edit: the shipped file loads and names every source, and a malformed file is refused in Swedish
with its line."""

from __future__ import annotations

import pytest

from indicators.config_files import ConfigError
from kommunlagesbild import analys
from kommunlagesbild.kallor import load_limits, source_limits


def test_the_shipped_file_gives_every_source_its_limits(catalogue):
    limits = source_limits()
    # every key a source of the catalogue; these ten as the lägesbild had them in code
    assert set(limits) <= set(catalogue.sources)
    assert len(limits) == 10
    assert "Polisens uttag täcker bara" in limits["polisanmalda_brott"]
    assert "sammanslagna år" in limits["ntu"]
    used = analys.sources(catalogue, {})
    assert next(s for s in used if s.source == "ntu").limit == limits["ntu"]


def test_an_edited_text_is_what_the_lagesbild_shows(tmp_path, catalogue):
    path = tmp_path / "kallor.yaml"
    path.write_text("begransningar:\n  ntu: Vår egen text om NTU.\n", encoding="utf-8")
    assert load_limits(path, catalogue) == {"ntu": "Vår egen text om NTU."}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "begransningar:\n  ntu: Text.\nbegransning: x\n",
            "kallor.yaml, rad 3, fält begransning: okänt fält (stavfel?); hittade 'x'.",
        ),
        (
            "begransningar:\n  ntu: ''\n",
            "kallor.yaml, rad 2, fält begransningar.ntu: får inte vara tom; hittade ''.",
        ),
        (
            "begransningar:\n  ntu: Text.\n  polisen: Text.\n",
            "kallor.yaml, rad 3, fält begransningar.polisen: okänd källa, förväntade en av ",
        ),
        (
            "begransningar: [a, b]\n",
            "kallor.yaml, rad 1, fält begransningar: förväntade en mappning",
        ),
    ],
)
def test_a_malformed_file_is_refused_in_swedish_with_its_line(tmp_path, catalogue, text, expected):
    path = tmp_path / "kallor.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_limits(path, catalogue, display_name="kallor.yaml")
    assert str(caught.value).startswith(expected), str(caught.value)
