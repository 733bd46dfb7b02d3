"""Brå's files for the lägesbild (issue 14, point 4; formats.md §1d and §1e)."""

from __future__ import annotations

import json

from indicators import geography
from indicators.ingest import ingest_file
from tests.imports.files import text_file, xlsx_file


def _stored(context, indicator):
    rows = context.store.observations(indicator)
    return (
        {}
        if rows.empty
        else {
            (r["period"], r["geo_level"], r["geo_code"], r["breakdown"], r["measure"]): (
                r["value"],
                r["n"],
            )
            for r in rows.to_dict("records")
        }
    )


# --- Anmälda brott i kommunerna <år>.csv --------------------------------------------------------


def test_the_2023_layout_with_every_kommun(tmp_path, ingest, context):
    rows = [
        f"{name};{1000 + int(code)};{5000 + int(code)}"
        for code, name in geography.kommuner().items()
    ]
    path = tmp_path / "Anmälda brott i kommunerna 2023.csv"
    path.write_bytes(
        ("\ufeffKommun;Antal;Per 100 000 inv.\r\n" + "\r\n".join(rows) + "\r\n").encode("utf-8")
    )
    result = ingest(path)
    assert result.outcome == "importerad", result.lines()
    assert result.layout == "bra_anmalda_brott_kommuner"
    values = _stored(context, "lagesbild.totalt")
    assert len(values) == 2 * 290
    assert values[("2023", "kommun", "1287", "{}", "antal")] == (2287.0, None)
    assert values[("2023", "kommun", "1440", "{}", "per_100k")] == (6440.0, None)


def test_the_2021_layout_without_header_genitives_dashes_and_stadsdelar(tmp_path, ingest, context):
    path = text_file(
        tmp_path,
        "Anmälda brott i kommunerna 2021.csv",
        [
            "Ale kommun;2412;7630",
            "Arjeplogs kommun;201;6790",
            "Malung–Sälens kommun;780;7720",
            "Trelleborgs kommun;4120;9010",
            "Stockholms stad;120512;12800",
            "Rinkeby-Kista stadsdelsområde;5810;11900",
            "Göteborg Centrum;14000;21000",
            "Region Gotland;4000;6700",
        ],
        encoding="cp1252",
    )
    result = ingest(path)
    assert result.outcome == "importerad", result.lines()
    values = _stored(context, "lagesbild.totalt")
    assert values[("2021", "kommun", "2506", "{}", "antal")] == (201.0, None)
    assert values[("2021", "kommun", "2023", "{}", "antal")] == (780.0, None)
    assert values[("2021", "kommun", "0180", "{}", "antal")] == (120512.0, None)
    assert values[("2021", "kommun", "0980", "{}", "per_100k")] == (6700.0, None)
    assert any("2 rader är inte kommuner" in w and "Rinkeby-Kista" in w for w in result.warnings)


def test_without_the_year_in_its_name_the_file_is_refused_asking_for_it(tmp_path, ingest):
    path = text_file(
        tmp_path, "kommuner.csv", ["Kommun;Antal;Per 100 000 inv.", "Ale;2537;7810"], "utf-8"
    )
    result = ingest(path)
    assert result.outcome == "avvisad"
    assert "året framgår inte" in str(result.problems[0])
    assert "Anmälda brott i kommunerna 2023.csv" in str(result.problems[0])


# --- Indikatorer för kommuners lägesbild ---------------------------------------------------------


def _indicators_workbook(tmp_path, kommun="Trelleborg", lan="Skåne län"):
    crime_header = [
        None,
        "Antal 2017",
        "Antal 2018",
        "Antal per 100 000 inv 2017",
        "Antal per 100 000 inv 2018",
    ]
    ntu_places = [None, kommun, None, None, lan, None, None, "Hela landet", None, None]
    ntu_header = ["År", *["Andel", "KI (95 %) undre gräns", "KI (95 %) övre gräns"] * 3]
    return xlsx_file(
        tmp_path,
        f"Indikatorer för kommuners lägesbild {kommun}.xlsx",
        {
            "Skadegörelsebrott": [
                ["Skadegörelsebrott (anmälda brott)"],
                crime_header,
                [kommun, 612, 540, "1 402,1", "1 230,4"],
                [lan, 21510, 20877, 1578.5, 1520.1],
                ["Hela landet", 180002, 175310, 1772.3, 1711.0],
            ],
            "Våld inomhus flickor": [
                ["Våld i inomhusmiljö mot barn och unga (flickor) (anmälda brott)"],
                crime_header,
                [kommun, 12, 15, 281.0, 350.2],
            ],
            "Bilbrott": [
                ["Bilbrott (anmälda brott)"],
                crime_header,
                [kommun, 300, "..", 690.0, ".."],
            ],
            "Otrygghet utomhus-NTU": [
                ["Otrygghet utomhus, enligt NTU 2017–2025.\nAndel i procent."],
                ntu_places,
                ntu_header,
                ["2017", 23, 19, 27, 21.5, 20.9, 22.1, 19.8, 19.5, 20.1],
                ["2019/2020", 25, 21, 29, 22.0, 21.4, 22.6, 20.3, 20.0, 20.6],
                ["2021", "..", "..", "..", 20.1, 19.5, 20.7, 19.0, 18.7, 19.3],
            ],
            "Oro för bedrägeri-NTU": [
                ["Oro för att bli bedragen, enligt NTU 2017-2025. Procent."],
                ntu_places,
                ntu_header,
                ["2017", 30, 25, 35, 31.5, 30.9, 32.1, 29.8, 29.5, 30.1],
            ],
            "Antal svarande i NTU.": [
                ["Antal svarande i NTU."],
                [None, "2017", "2019/2020", "2021"],
                [kommun, 410, 820, 405],
                [lan, 9800, 19700, 9900],
                ["Hela landet", 74000, 150000, 73000],
            ],
        },
    )


def test_the_lagesbild_workbook_for_kommun_lan_and_riket(tmp_path, trelleborg_context):
    result = ingest_file(_indicators_workbook(tmp_path), trelleborg_context)
    assert result.outcome == "importerad", result.lines()
    assert result.layout == "bra_lagesbild"
    assert not result.warnings, result.warnings  # every sheet understood, our own kommun
    context = trelleborg_context
    damage = _stored(context, "lagesbild.skadegorelse")
    assert damage[("2017", "kommun", "1287", "{}", "antal")] == (612.0, None)
    assert damage[("2018", "kommun", "1287", "{}", "per_100k")] == (1230.4, None)
    assert damage[("2017", "region", "12", "{}", "antal")] == (21510.0, None)
    assert damage[("2018", "riket", "00", "{}", "per_100k")] == (1711.0, None)
    girls = _stored(context, "lagesbild.vald_inomhus_unga")
    assert girls[("2018", "kommun", "1287", '{"kon": "flickor"}', "antal")] == (15.0, None)
    cars = _stored(context, "lagesbild.bilbrott")
    assert ("2018", "kommun", "1287", "{}", "antal") not in cars  # '..' is missing, not 0
    unsafe = _stored(context, "ntu.otrygghet_utomhus")
    assert unsafe[("2017", "kommun", "1287", "{}", "andel_pct")] == (23.0, 410.0)
    assert unsafe[("2017", "kommun", "1287", "{}", "ki95_undre_pct")] == (19.0, 410.0)
    assert unsafe[("2017", "kommun", "1287", "{}", "ki95_ovre_pct")] == (27.0, 410.0)
    assert unsafe[("2017", "region", "12", "{}", "andel_pct")] == (21.5, 9800.0)
    pooled = json.dumps({"sammanslagna_ar": "2019–2020"}, ensure_ascii=False)
    assert unsafe[("2020", "riket", "00", pooled, "andel_pct")] == (20.3, 150000.0)
    assert ("2021", "kommun", "1287", "{}", "andel_pct") not in unsafe
    other = _stored(context, "ntu.ovrig")
    variable = json.dumps({"variabel": "Oro för att bli bedragen"}, ensure_ascii=False)
    assert other[("2017", "kommun", "1287", variable, "andel_pct")] == (30.0, 410.0)
    respondents = _stored(context, "ntu.antal_svarande")
    assert respondents[("2021", "kommun", "1287", "{}", "antal")] == (405.0, None)
    assert context.store.imports()[0]["archived"]


def test_another_kommuns_workbook_imports_with_a_warning(tmp_path, trelleborg_context):
    result = ingest_file(_indicators_workbook(tmp_path, "Vellinge"), trelleborg_context)
    assert result.outcome == "importerad", result.lines()
    assert any("Vellinge kommun" in warning for warning in result.warnings)


def test_a_share_outside_0_to_100_names_the_geography_block(tmp_path, ingest):
    path = xlsx_file(
        tmp_path,
        "ntu.xlsx",
        {
            "Otrygghet utomhus-NTU": [
                ["Otrygghet utomhus, enligt NTU 2017–2025. Procent."],
                [None, "Trelleborg", None, None],
                ["År", "Andel", "KI (95 %) undre gräns", "KI (95 %) övre gräns"],
                ["2017", "123", 19, 27],
            ]
        },
    )
    result = ingest(path)
    assert result.outcome == "avvisad"
    assert (result.problems[0].column, result.problems[0].found) == ("Trelleborg / Andel", "123")
