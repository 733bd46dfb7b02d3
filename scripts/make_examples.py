"""Generate data/examples/ (one realistic file per layout) and data/templates/.

The two Brå files for the lägesbild ("Anmälda brott i kommunerna <år>" and "Indikatorer för
kommuners lägesbild") are fictitious too, and named so.

Values are fictitious and the files say so, except published facts: Trelleborg's trygghetsmätning
totalindex (2017 1,75; 2018 2,21; 2019 1,84; 2021 1,81; 2022 1,46), BoU 2012 alcohol
(64 % in åk 9, 89 % in gy 2) and Trelleborg's population on 31 December 2019 (45 440). Run: .venv/bin/python scripts/make_examples.py
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import sys
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
FICTITIOUS = "Fiktiva värden för demonstration"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"]
BURGLARY_CODES = {
    "9801": "Inbrottsstöld, fullbordat, i villa/radhus",
    "0857": "Försök till inbrottsstöld i villa/radhus",
    "9802": "Inbrottsstöld, fullbordat, i lägenhet",
    "0874": "Försök till inbrottsstöld i lägenhet",
}
TOTALINDEX = {2017: "1,75", 2018: "2,21", 2019: "1,84", 2021: "1,81", 2022: "1,46"}
AREAS = ["Trelleborg tätort", "Anderslöv", "Skegrie", "Smygehamn"]


def _xlsx(path: Path, sheets: dict[str, list[list]]) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)


def _text(path: Path, lines: list[str], encoding: str) -> None:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))


def sol_databasfil(folder: Path, chance: random.Random) -> None:
    lines = ["Region;Brott;År;Period;Antal;/100 000 inv"]
    for year, burglaries, damage in zip(
        range(2015, 2022),
        [131, 118, 112, 104, 96, 93, 88],
        [240, 228, 221, 214, 196, 189, 203],
        strict=True,
    ):
        lines.append(f"Trelleborg;Inbrottsstöld i bostad;År;{year};{burglaries};..;")
        lines.append(f"Trelleborg;Skadegörelsebrott ;År;{year};{damage};..;")
    for month in MONTHS:
        lines.append(f"Trelleborg;Inbrottsstöld i bostad;2022;{month};..;..;")
        for code, label in BURGLARY_CODES.items():
            shown = code.lstrip("0") if chance.random() < 0.5 else code  # Excel ate the zero
            lines.append(f"Trelleborg;{shown} - {label};2022;{month};{chance.randint(0, 4)};..;")
    _text(folder / "bra-sol-databasfil-trelleborg-fiktiva.csv", lines, "latin-1")


def sol_tabell(folder: Path) -> None:
    years = list(range(2015, 2023))
    _xlsx(
        folder / "bra-sol-tabell-per-100000-fiktiva.xlsx",
        {
            "Tabell": [
                ["Anmälda brott per 100 000 invånare, Trelleborg och Svedala"],
                [f"{FICTITIOUS}. Källa i verkligheten: Brås statistikdatabas."],
                [],
                ["Region", "Brott", *[f"{y} Antal per 100 000 inv" for y in years]],
                [
                    "Trelleborg",
                    "Skadegörelsebrott",
                    "527,8",
                    "501,2",
                    "486,0",
                    "470,3",
                    "431,1",
                    "415,9",
                    "446,5",
                    "420,0",
                ],
                [
                    "Svedala",
                    "Skadegörelsebrott",
                    "390,2",
                    "402,5",
                    "377,7",
                    "365,0",
                    "350,1",
                    "341,8",
                    "359,3",
                    "..",
                ],
            ]
        },
    )


def polisuttag(folder: Path, chance: random.Random) -> None:
    rows = [
        [f"Uttag ur polisens system, LPO Trelleborg, 2022. {FICTITIOUS}."],
        [
            "Diarienummer",
            "Inskrivningsdatum",
            "Brottsdatum",
            "Brottskod",
            "Kommun",
            "Lokalpolisområde",
            "Gata",
            "Gatunr",
        ],
    ]
    codes = ["0857", "0874", "9801", "9802", "1201", "1203", "1209", "1211", "1204"]
    for number in range(600):
        registered = dt.datetime(2022, 1, 1) + dt.timedelta(minutes=chance.randrange(365 * 24 * 60))
        rows.append(
            [
                f"5000-K{10000 + number}-22",
                registered,
                registered - dt.timedelta(days=1),
                int(chance.choice(codes)),  # as Excel keeps it: 0857 becomes 857
                chance.choice(["Trelleborg", "Trelleborg", "Svedala", "Vellinge"]),
                "LPO Trelleborg",
                "Exempelgatan",
                chance.randint(1, 60),
            ]
        )
    rows.append(rows[5])  # the same case twice, as overlapping extracts give
    _xlsx(folder / "polisuttag-lpo-trelleborg-2022-fiktiva.xlsx", {"Uttag": rows})


def trygghetsmatning(folder: Path, chance: random.Random) -> None:
    sheets = {}
    for year in range(2017, 2023):
        if year not in TOTALINDEX:
            continue  # the kommun's 2020 figure was not found: no invented sheet for it
        rows = [
            [f"Trygghetsmätning {year} – Trelleborgs kommun"],
            [f"{FICTITIOUS}, utom kommunens totalindex som är publicerat."],
            ["Tema", "Fråga", *AREAS, "Kommun totalt"],
        ]
        for question, level in (
            ("Bilar som kör för fort", 2.2),
            ("Buskörning med moped/mc", 1.6),
            ("Trafikregler respekteras inte", 1.8),
            ("Nedskräpning", 1.9),
        ):
            values = [round(level + chance.uniform(-0.5, 0.5), 2) for _ in AREAS]
            kommun = round(level + chance.uniform(-0.25, 0.25), 2)
            rows.append(["Utemiljö", question, *[_comma(v) for v in values], _comma(kommun)])
        rows.append(
            [
                "Konkret otrygghet",
                "Otrygg ute ensam sen kväll",
                *[_comma(round(1.4 + chance.uniform(-0.4, 0.4), 2)) for _ in AREAS],
                "..",
            ]
        )
        rows.append(
            [
                "Totalindex",
                None,
                *[
                    _comma(
                        round(
                            float(TOTALINDEX[year].replace(",", ".")) + chance.uniform(-0.3, 0.3), 2
                        )
                    )
                    for _ in AREAS
                ],
                TOTALINDEX[year],
            ]
        )
        rows.append(
            ["n", None, *[chance.randint(260, 320) for _ in AREAS], chance.randint(1100, 1250)]
        )
        sheets[str(year)] = rows
    _xlsx(folder / "trygghetsmatning-trelleborg-resultat.xlsx", sheets)
    lines = ["År;Kommun;Område;Tema;Fråga;Index;Andel (%);Antal svar;Svarsfrekvens"]
    for year, share in ((2018, 27), (2019, 24), (2021, 22), (2022, 19)):
        lines.append(
            f"{year};Trelleborg;Kommun totalt;Konkret otrygghet;Otrygg ute ensam sen kväll;..;"
            f"{share};{chance.randint(1100, 1250)};{chance.randint(48, 58)} %"
        )
    _text(folder / "trygghetsmatning-otrygghet-lang-fiktiva.csv", lines, "utf-8-sig")


def bou(folder: Path) -> None:
    header = ["Indikator", "Årskurs", "Flickor %", "Pojkar %", "Totalt %", "Skåne %", "n"]
    waves = {
        "2012": [
            ["Druckit alkohol senaste 12 månaderna", "Åk 9", "..", "..", 64, "..", ".."],
            ["Druckit alkohol senaste 12 månaderna", "Gy 2", "..", "..", 89, "..", ".."],
        ],
        "2016": _bou_rows(
            {"tobak": (4, 19, 33), "alkohol": (9, 47, 78), "narkotika": (None, 6, 14)}
        ),
        "2021": _bou_rows(
            {"tobak": (3, 15, 30), "alkohol": (7, 38, 74), "narkotika": (None, 7, 12)}
        ),
    }
    sheets = {}
    for wave, rows in waves.items():
        note = "Publicerat: andelen som druckit alkohol 2012." if wave == "2012" else FICTITIOUS
        sheets[wave] = [
            [f"Folkhälsoenkät Barn och Unga i Skåne {wave} – Trelleborg"],
            [note],
            header,
            *rows,
        ]
    _xlsx(folder / "bou-trelleborg-rapporttabell.xlsx", sheets)
    lines = ["Undersökning;År;Geografi;Årskurs;Kön;Indikator;Andel (%);n"]
    for year, shares in ((2016, (9, 12, 15)), (2021, (8, 13, 12))):
        for grade, share in zip(("Åk 6", "Åk 9", "Gy 2"), shares, strict=True):
            lines.append(
                f"BoU;{year};Trelleborg;{grade};Totalt;Känner sig otrygg i sitt bostadsområde;"
                f"{share};{400 - 20 * len(grade)}"
            )
            lines.append(
                f"BoU;{year};Trelleborg;{grade};Flickor;Känner sig otrygg i sitt bostadsområde;"
                f"{share + 3};x"
            )
    _text(folder / "bou-otrygghet-lang-fiktiva.csv", lines, "cp1252")


def _bou_rows(shares: dict[str, tuple]) -> list[list]:
    labels = {
        "tobak": "Använder tobak (röker eller snusar)",
        "alkohol": "Druckit alkohol senaste 12 månaderna",
        "narkotika": "Någon gång använt narkotika",
    }
    rows = []
    for key, values in shares.items():
        for grade, total, n in zip(("Åk 6", "Åk 9", "Gy 2"), values, (430, 410, 350), strict=True):
            if total is not None:
                rows.append([labels[key], grade, total + 1, max(total - 1, 0), total, total + 2, n])
    return rows


def aktivitetslogg(folder: Path, chance: random.Random) -> None:
    rows = [
        ["Aktivitetslogg – Trelleborgs kommun"],
        [FICTITIOUS + "."],
        ["Datum", "Aktivitet", "Parter", "Kommentar"],
    ]
    day = dt.date(2019, 1, 3)
    while day.year <= 2022:
        if chance.random() > 0.06:  # a few weeks without a meeting
            rows.append([day, "EST-möte", "Kommun, Polis", ""])
        day += dt.timedelta(days=7)
    for year in range(2019, 2023):
        rows.append([dt.date(year, 3, 12), "Gemensam problembild", "Kommun, Polis, invånare", ""])
        rows.append([dt.date(year, 5, 20), "Medborgarlöfte", "Polis, Kommun", ""])
        if year != 2020:
            rows.append([dt.date(year, 11, 28), "Årsrapport", "Kommun, Polis", ""])
        rows.append([dt.date(year, 9, 15), "Trygghetsvandring", "Kommun, Polis", ""])
    _xlsx(folder / "aktivitetslogg-trelleborg-fiktiva.xlsx", {"Logg": rows})


def befolkning(folder: Path) -> None:
    years = list(range(2015, 2023))
    trelleborg = [43700, 44200, 44700, 45100, 45440, 45800, 46100, 46400]  # 2019 is published
    svedala = [20900, 21300, 21700, 22100, 22400, 22700, 23000, 23300]
    lines = [
        '"Folkmängden 31 december efter region och år. Fiktiva värden utom Trelleborg 2019."',
        "",
        '"region",' + ",".join(f'"{y}"' for y in years),
        '"1287 Trelleborg",' + ",".join(map(str, trelleborg)),
        '"1263 Svedala",' + ",".join(map(str, svedala)),
    ]
    _text(folder / "scb-folkmangd-fiktiva.csv", lines, "utf-8-sig")


def est(folder: Path, chance: random.Random) -> None:
    factors = [
        "Hot och våld",
        "Skadegörelse",
        "Anlagda bränder",
        "Narkotika",
        "Klotter",
        "Nedskräpning",
        "Ungdomsgrupperingar",
        "Ordningsstörningar",
        "Trafik och buskörning",
        "Inbrott",
        "Stölder",
        "Otrygga platser",
    ]
    answers = ["Ingen påverkan", "Liten påverkan", "Viss påverkan", "Stor påverkan"]
    rows = [
        [f"EST-veckoenkät, Trelleborgs kommun, hösten 2022. {FICTITIOUS}."],
        ["Tidstämpel", "Vecka", "Rapportör/Verksamhet", "Område/Plats", *factors, "Kommentar"],
    ]
    events = [
        f"EST-händelselogg, Trelleborgs kommun, hösten 2022. {FICTITIOUS}.",
        "Datum;Vecka;Plats;Område;Kategori;Beskrivning;Rapporterad av;Allvarlighet",
    ]
    for week in range(36, 49):
        tuesday = dt.date.fromisocalendar(2022, week, 2)
        for _ in range(chance.randint(25, 38)):
            area = chance.choice(AREAS)
            answered = dt.datetime.combine(
                tuesday, dt.time(chance.randint(8, 16), chance.randint(0, 59))
            )
            rows.append(
                [
                    answered,
                    week,
                    chance.choice(["Skola", "Fritid", "Fastighet", "Socialtjänst"]),
                    area,
                    *[chance.choices(answers, weights=(5, 3, 2, 1))[0] for _ in factors],
                    "Fritext som aldrig sparas",
                ]
            )
        for _ in range(chance.randint(2, 8)):
            day = tuesday + dt.timedelta(days=chance.randint(-1, 4))
            events.append(
                f"{day};{week};Exempelplats;{chance.choice(AREAS)};"
                f"{chance.choice(factors[:6])};Beskrivning som aldrig sparas;Rapportör;"
                f"{chance.choice(['Låg', 'Medel', 'Hög'])}"
            )
    _xlsx(folder / "est-veckoenkat-trelleborg-fiktiva.xlsx", {"Svar": rows})
    _text(folder / "est-handelselogg-trelleborg-fiktiva.csv", events, "cp1252")


def kolada(folder: Path) -> None:
    """The API's answer for Trelleborg and two neighbours chosen for comparison (Svedala 1263,
    Vellinge 1233), so the goal pages have comparison kommuner to show; values fictitious."""
    values = [
        {
            "kpi": kpi,
            "municipality": municipality,
            "period": year,
            "values": [{"gender": "T", "value": value, "count": 1, "status": ""}],
        }
        for kpi, municipality, series in (
            ("N07403", "1287", (1190.4, 1215.0, 1180.2, 1150.9)),
            ("U07452", "1287", (4.6, 4.3, 4.1, 4.4)),
            ("N07403", "1263", (905.2, 931.7, 880.4, 871.0)),
            ("U07452", "1263", (3.9, 3.7, 3.8, 3.5)),
            ("N07403", "1233", (640.8, 612.3, 655.1, 630.9)),
            ("U07452", "1233", (2.8, 2.9, 2.6, 2.7)),
        )
        for year, value in zip(range(2019, 2023), series, strict=True)
    ]
    document = {"values": values, "count": len(values), "note": FICTITIOUS}
    (folder / "kolada-trelleborg-fiktiva.json").write_text(
        json.dumps(document, ensure_ascii=False, indent=1), "utf-8"
    )
    _xlsx(
        folder / "kolada-export-jamforelse-fiktiva.xlsx",
        {
            "Kolada": [
                [f"Kolada – jämförelse mellan kommuner. {FICTITIOUS}."],
                ["Kommun", "Nyckeltal", "2019", "2020", "2021", "2022"],
                [
                    "Trelleborg",
                    "U07417 Stöld och tillgrepp, anmälda, antal/1000 inv (treårsmedel)",
                    "38,2",
                    "36,9",
                    "35,1",
                    "34,8",
                ],
                [
                    "Svedala",
                    "U07417 Stöld och tillgrepp, anmälda, antal/1000 inv (treårsmedel)",
                    "31,5",
                    "30,2",
                    "..",
                    "29,9",
                ],
                [
                    "Vellinge",
                    "U07417 Stöld och tillgrepp, anmälda, antal/1000 inv (treårsmedel)",
                    "27,4",
                    "26,8",
                    "26,1",
                    "25,7",
                ],
            ]
        },
    )


MEASURES_HEADER = [
    "Åtgärd",
    "Fokusområde",
    "Ansvarig part",
    "Kopplade mål",
    "Start",
    "Slut",
    "Status",
    "Budget 2020 (kr)",
    "Budget 2021 (kr)",
    "Budget 2022 (kr)",
    "Kommentar",
    # The åtgärdsplan in Brå's template (formats.md §5), optional columns after the old ones.
    "Orsak",
    "Operativa mål",
    "När",
    "Vem",
    "Uppföljning 2021 (grön/gul/röd)",
    "Motivering 2021",
    "Uppföljning 2022 (grön/gul/röd)",
    "Motivering 2022",
    # What the measure answers: the lägesbild's problems and the agreement's targets, ";" between.
    "Problem i lägesbilden",
    "Delmål",
]
PUBLIC_SPACE = "Trygghet i offentlig miljö inklusive trafikmiljön"
YOUTH = "Ungdomars alkohol- och drogkonsumtion samt relaterad brottslighet"


def atgarder(folder: Path) -> None:
    rows = [
        [
            "Väktare på allmänna platser kvällstid",
            PUBLIC_SPACE,
            "Kommun",
            "otrygghet, skadegorelse",
            dt.date(2020, 1, 1),
            None,
            "Pågående",
            "1 200 000",
            "1 400 000",
            "1 400 000",
            "",
            "Otrygghet i centrum kvällstid",
            "Väktare varje kväll fredag–lördag",
            "Från 2020",
            "Säkerhetsenheten",
            "Grön",
            "Rondering enligt plan hela året",
            "Gul",
            "Två helger utan väktare under sommaren",
            "Våld i offentlig miljö mot vuxna; Misshandel",
            "brottsstatistik.misshandel",
        ],
        [
            "Belysning i viadukter och gångtunnlar",
            PUBLIC_SPACE,
            "Kommun",
            "otrygghet",
            dt.date(2020, 3, 1),
            dt.date(2021, 10, 31),
            "Genomförd",
            "400 000",
            "600 000",
            None,
            "",
            "Otrygga gångtunnlar",
            "Alla 12 tunnlar belysta",
            "2020–2021",
            "Gatuenheten",
            "Grön",
            "Klart i oktober",
            None,
            None,
            None,
            "otrygghet",
        ],
        [
            "Klotter sanerat inom 24 timmar",
            PUBLIC_SPACE,
            "Kommun",
            "skadegorelse",
            dt.date(2021, 1, 1),
            None,
            "Pågående",
            None,
            "250 000",
            "250 000",
            "",
            "Mycket klotter i centrum (lägesbilden)",
            "Klotter borta inom 24 timmar i 9 fall av 10",
            "Löpande",
            "Gatuenheten",
            "Gul",
            "Mål nått 7 av 10 gånger",
            "Röd",
            "Entreprenören byttes; sanering efter 3 dygn i snitt",
            "Skadegörelsebrott",
            "skadegorelse",
        ],
        [
            "Fältgrupp kvällar och helger",
            YOUTH,
            "Kommun",
            "alkohol, narkotika, tobak",
            dt.date(2020, 8, 15),
            None,
            "Pågående",
            "900 000",
            "950 000",
            "950 000",
            "",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ],
        [
            "Trafikkontroller vid skolor",
            PUBLIC_SPACE,
            "Polis",
            "trafik",
            dt.date(2021, 8, 16),
            None,
            "Pågående",
            None,
            None,
            None,
            "Inom polisens ram",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ],
        [
            "Kameraövervakning vid stationen",
            PUBLIC_SPACE,
            "Polis",
            "otrygghet",
            dt.date(2022, 9, 1),
            None,
            "Planerad",
            None,
            None,
            "300 000",
            "Tillstånd söks",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ],
    ]
    _xlsx(
        folder / "atgarder-trelleborg-fiktiva.xlsx",
        {
            "Åtgärder": [
                ["Åtgärder – Trelleborgs kommun"],
                [FICTITIOUS + "."],
                MEASURES_HEADER,
                *rows,
            ]
        },
    )


def templates(folder: Path) -> None:
    _xlsx(
        folder / "aktivitetslogg-mall.xlsx",
        {
            "Aktivitetslogg": [
                ["Aktivitetslogg – Trelleborgs kommun"],
                ["Datum", "Aktivitet", "Parter", "Kommentar"],
                [
                    dt.date(2022, 1, 13),
                    "EST-möte",
                    "Kommun, Polis",
                    "Exempelrad: ersätt med era egna",
                ],
            ]
        },
    )
    _xlsx(
        folder / "atgarder-mall.xlsx",
        {
            "Åtgärder": [
                ["Åtgärder – Trelleborgs kommun"],
                MEASURES_HEADER,
                [
                    "Exempel: belysning i gångtunnel",
                    PUBLIC_SPACE,
                    "Kommun",
                    "otrygghet",
                    dt.date(2022, 3, 1),
                    None,
                    "Planerad",
                    None,
                    None,
                    "100 000",
                    "Exempelrad: ersätt med era egna. Kopplade mål = målens id, kommaseparerade; "
                    "Problem i lägesbilden = brottskategorier och Delmål = delmålens id (eller "
                    "målens id eller rubrik), åtskilda med semikolon.",
                    "Problemet i lägesbilden som åtgärden möter",
                    "Vad som ska vara uppnått, och när",
                    "Våren 2022",
                    "Gatuenheten",
                    "Grön",
                    "Uppföljning: grön, gul eller röd per år, med en motivering",
                    None,
                    None,
                    "Skadegörelsebrott",
                    "skadegorelse",
                ],
            ]
        },
    )


def anmalda_brott_i_kommunerna(folder: Path, chance: random.Random) -> None:
    """Brå's yearly file in its 2023 layout: UTF-8 with BOM, CRLF, every kommun; the year only
    in the name, as Brå names it (here with 'fiktiva' added)."""
    sys.path.insert(0, str(ROOT))
    from indicators.geography import kommuner

    lines = ["Kommun;Antal;Per 100 000 inv."]
    for code, name in sorted(kommuner().items(), key=lambda item: item[1]):
        rate = 4_000 + chance.randrange(9_000)
        count = 4_620 if code == "1287" else max(40, rate * (5 + chance.randrange(60)) // 100)
        lines.append(f"{name};{count};{10_150 if code == '1287' else rate}")
    _text(folder / "anmalda-brott-i-kommunerna-2023-fiktiva.csv", lines, "utf-8-sig")


LAGESBILD_YEARS = range(2017, 2025)
LAGESBILD_CRIME = {
    "Totalt antal anmälda brott": (4_300, 9_500),
    "Skadegörelsebrott": (600, 1_300),
    "Narkotikabrott": (260, 560),
    "Våld i offentlig miljö mot vuxna": (110, 240),
    "Våld i nära relationer mot kvinnor": (90, 390),
    "Bostadsinbrott": (100, 220),
    "Bilbrott": (280, 610),
}
LAGESBILD_NTU = {
    "Otrygghet utomhus": 24,
    "Avstått aktivitet": 16,
    "Misshandel": 2,
}
LAGESBILD_PLACES = [("Trelleborg", 1.0), ("Skåne län", 1.1), ("Hela landet", 1.0)]


def lagesbild_indikatorer(folder: Path, chance: random.Random) -> None:
    """Brå's "Indikatorer för kommuners lägesbild" for Trelleborg, its län and riket."""
    sheets: dict[str, list[list]] = {}
    header = [
        None,
        *[f"Antal {year}" for year in LAGESBILD_YEARS],
        *[f"Antal per 100 000 inv {year}" for year in LAGESBILD_YEARS],
    ]
    populations = {"Trelleborg": 45_000, "Skåne län": 1_390_000, "Hela landet": 10_400_000}
    for category, (count, _rate) in LAGESBILD_CRIME.items():
        rows = [[f"{category} (anmälda brott). {FICTITIOUS}."], header]
        for place, factor in LAGESBILD_PLACES:
            counts = [
                round(count * populations[place] / 45_000 * factor * (0.85 + chance.random() / 3))
                for _ in LAGESBILD_YEARS
            ]
            rates = [round(c / populations[place] * 100_000, 1) for c in counts]
            rows.append([place, *counts, *[_comma1(r) for r in rates]])
        sheets[category[:31]] = rows
    places = [None]
    for place, _ in LAGESBILD_PLACES:
        places += [place, None, None]
    ntu_header = ["År", *["Andel", "KI (95 %) undre gräns", "KI (95 %) övre gräns"] * 3]
    for variable, share in LAGESBILD_NTU.items():
        rows = [
            [f"{variable}, enligt NTU 2017–2024.\nAndel i procent. {FICTITIOUS}."],
            places,
            ntu_header,
        ]
        for year in LAGESBILD_YEARS:
            row = [str(year)]
            for place, _ in LAGESBILD_PLACES:
                value = share * chance.uniform(0.8, 1.2)
                spread = value * (0.2 if place == "Trelleborg" else 0.03)
                low, high = value - spread, value + spread
                if place == "Trelleborg":
                    row += [round(value), round(low), round(high)]
                else:
                    row += [round(value, 1), round(low, 1), round(high, 1)]
            rows.append(row)
        sheets[f"{variable}-NTU"] = rows
    respondents = [["Antal svarande i NTU."], [None, *map(str, LAGESBILD_YEARS)]]
    for place, n in (("Trelleborg", 420), ("Skåne län", 9_800), ("Hela landet", 74_000)):
        respondents.append([place, *[n + chance.randrange(-40, 40) for _ in LAGESBILD_YEARS]])
    sheets["Antal svarande i NTU."] = respondents
    _xlsx(folder / "indikatorer-kommuners-lagesbild-trelleborg-fiktiva.xlsx", sheets)


def _comma1(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


# The 2023–2026 agreement: 2022 is the baseline of "ska minska", 2023–2025 complete years and
# 2026 so far (preliminary months). Fictitious numbers, in SOL's own labels.
CRIMES_2022_2025 = {
    "Misshandel inkl. grov (5, 6 §)": (281, 262, 249, 268),
    "Olaga hot (5 §)": (204, 219, 188, 181),
    "Ofredande (7 §)": (142, 131, 150, 128),
    "Övrig stöld (1, 2, 4 §)": (612, 574, 548, 590),
    "Bedrägeri inkl. grovt, bedrägligt beteende (1-3 §)": (498, 541, 566, 519),
    "Skadegörelse inkl. grov, åverkan (1-3 §)": (221, 208, 233, 196),
    "16 kap. Brott mot allmän ordning": (37, 31, 42, 28),
    "Ordningslagen (2 kap. 29 §, 5 kap. 3-5 §§)": (18, 15, 21, 12),
}


def sol_2022_2025(folder: Path, chance: random.Random) -> None:
    lines = ["Region;Brott;År;Period;Antal;/100 000 inv", f"{FICTITIOUS};;;;;"]
    for label, counts in CRIMES_2022_2025.items():
        for year, count in zip(range(2022, 2026), counts, strict=True):
            lines.append(f"Trelleborg;{label};År;{year};{count};..;")
        for month in MONTHS[:10]:  # 2026 through October, preliminary
            monthly = max(0, round(counts[-1] / 12 * chance.uniform(0.75, 1.2)))
            lines.append(f"Trelleborg;{label};2026 prel.;{month};{monthly};..;")
    _text(folder / "bra-sol-databasfil-trelleborg-2022-2026-fiktiva.csv", lines, "latin-1")


def trygghetsmatning_2022_2025(folder: Path) -> None:
    # The traffic items' 2022 values come from the result matrix; "folk som bråkar och slåss
    # utomhus" is new with the 2023–2026 agreement and needs its own 2022 baseline.
    items = {
        ("Utemiljö", "Bilar som kör för fort"): {2023: 1.94, 2024: 2.31, 2025: 1.88},
        ("Utemiljö", "Buskörning med moped/mc"): {2023: 1.41, 2024: 1.36, 2025: 1.52},
        ("Utemiljö", "Trafikregler respekteras inte"): {2023: 1.77, 2024: 1.69, 2025: 1.62},
        ("Utomhusstörningar", "Folk som bråkar och slåss utomhus"): {
            2022: 1.12,
            2023: 1.05,
            2024: 1.21,
            2025: 0.98,
        },
    }
    lines = ["År;Kommun;Område;Tema;Fråga;Index;Andel (%);Antal svar;Svarsfrekvens"]
    for (theme, question), values in items.items():
        for year, index in values.items():
            lines.append(
                f"{year};Trelleborg;Kommun totalt;{theme};{question};{_comma(index)};..;"
                f"{1150 + year % 7 * 11};{50 + year % 5} %"
            )
    _text(folder / "trygghetsmatning-trelleborg-2022-2025-fiktiva.csv", lines, "utf-8-sig")


def bou_2024(folder: Path) -> None:
    lines = ["Undersökning;År;Geografi;Årskurs;Kön;Indikator;Andel (%);n"]
    for grade, share, n in (("Åk 9", 5, 402), ("Gy 2", 13, 338)):
        lines.append(f"BoU;2024;Trelleborg;{grade};Totalt;Någon gång använt narkotika;{share};{n}")
    _text(folder / "bou-narkotika-2024-lang-fiktiva.csv", lines, "cp1252")


def aktivitetslogg_2023_2026(folder: Path, chance: random.Random) -> None:
    rows = [
        ["Aktivitetslogg 2023–2026 – Trelleborgs kommun"],
        [FICTITIOUS + "."],
        ["Datum", "Aktivitet", "Parter", "Kommentar"],
    ]
    day = dt.date(2023, 1, 3)  # Tuesdays, when the EST survey goes out
    while day <= dt.date(2026, 11, 24):
        if chance.random() > 0.04:
            rows.append([day, "EST-möte", "Kommun, Polis", ""])
        day += dt.timedelta(days=7)
    for year in range(2023, 2027):
        rows.append([dt.date(year, 4, 18), "Trygghetsvandring", "Kommun, Polis", ""])
    _xlsx(folder / "aktivitetslogg-trelleborg-2023-2026-fiktiva.xlsx", {"Logg": rows})


def _comma(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


# A police extract per month and brottskod (the aggregated layout, "Antal" per row) for the two
# agreements' crime indicators, so that their months reach back far enough for the year so far,
# the rolling 12 months and the normal band of each month. Yearly levels follow the Brå files
# above (the police's own count differs a little, as it does in life). 2022 of bostadsinbrott is
# Brå's months; the record-level 2022 extract has only some skadegörelse codes, and this later,
# complete extract replaces its months (the latest import wins). 2026 stops in October, as Brå's
# months do.
POLICE_MONTHLY_YEARS: dict[str, dict[int, int]] = {
    "bostadsinbrott": {2019: 96, 2020: 93, 2021: 88},
    "skadegorelse": dict(
        zip(range(2019, 2027), (196, 189, 203, 221, 208, 233, 196, 196), strict=True)
    ),
    **{
        indicator: dict(zip(range(2022, 2027), (*counts, counts[-1]), strict=True))
        for indicator, counts in {
            "misshandel": (281, 262, 249, 268),
            "olaga_hot_ofredande": (346, 350, 338, 309),
            "ovrig_stold": (612, 574, 548, 590),
            "bedrageri": (498, 541, 566, 519),
            "allman_ordning": (55, 46, 63, 40),
        }.items()
    },
}
# Where most of each indicator's crimes are coded; the rest of its codes get a row with 0 once a
# year, as an extract of every code gives, so no code of the indicator is missing.
MAIN_CODES = {
    "bostadsinbrott": ("9801", "0857", "9802", "0874"),
    "skadegorelse": ("1203", "1209", "1201", "1211"),
    "misshandel": ("9301", "9302", "9311", "9312"),
    "olaga_hot_ofredande": ("0450", "0451", "0414", "0407"),
    "ovrig_stold": ("0841", "0853", "0859", "9827"),
    "bedrageri": ("0901", "0904", "0906", "0913"),
    "allman_ordning": ("1602", "1611", "1615", "5084"),
}
# Burglaries peak in the dark months, violence and theft in summer (shares of the year).
SEASON = {
    "bostadsinbrott": (10, 9, 8, 7, 6, 6, 7, 7, 8, 9, 11, 12),
    "default": (7, 7, 8, 8, 9, 9, 10, 9, 9, 8, 8, 8),
}
POLICE_LAST_MONTH = 10  # October 2026, the last month of the Brå file
# One burst, as a series of break-ins or a fight-filled festival gives: it shows as a month
# outside the normal band on the goal page.
BURSTS = {("misshandel", 2025, 7): 1.7}


def _poisson(mean: float, chance: random.Random) -> int:
    """Knuth's Poisson draw (means here stay below 100), widened a little by a gamma factor:
    reported crime varies more than Poisson."""
    limit, count, product = math.exp(-mean * chance.gammavariate(25, 1 / 25)), 0, chance.random()
    while product > limit:
        count += 1
        product *= chance.random()
    return count


def _valid_codes(indicator: str, year: int) -> list[str]:
    """The code list's codes of an indicator that can occur in `year`."""
    path = ROOT / "indicators" / "brottskoder.csv"
    found = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        code, _, owner, valid_from, valid_to, *_ = [*line.split(";"), "", "", "", ""]
        if owner == indicator and int(valid_from or year) <= year <= int(valid_to or year):
            found.append(code)
    return list(dict.fromkeys(found))


def _as_excel(code: str) -> int | str:
    return int(code) if code.isdigit() else code  # Excel keeps 0857 as 857


def polisuttag_manader(folder: Path) -> None:
    chance = random.Random(2026)  # its own draws: the files before it stay as they were
    rows: list[list] = [
        [
            "Uttag ur polisens system per månad och brottskod, Trelleborgs kommun, "
            f"2019–2026 (2026 till och med oktober). {FICTITIOUS}."
        ],
        ["Inskr årmånad", "Brottskod", "Kommun", "Antal"],
    ]
    for indicator, years in POLICE_MONTHLY_YEARS.items():
        season = SEASON.get(indicator, SEASON["default"])
        main = MAIN_CODES[indicator]
        for year, total in years.items():
            last = POLICE_LAST_MONTH if year == 2026 else 12
            for month in range(1, last + 1):
                mean = total * season[month - 1] / sum(season)
                count = _poisson(mean * BURSTS.get((indicator, year, month), 1.0), chance)
                parts = [0] * len(main)
                for _ in range(count):  # the first codes hold most of the crimes
                    parts[min(int(chance.expovariate(1.1)), len(main) - 1)] += 1
                for code, part in zip(main, parts, strict=True):
                    if part:
                        rows.append([f"{year}{month:02d}", _as_excel(code), "Trelleborg", part])
            for code in _valid_codes(indicator, year):
                if code not in main:
                    rows.append([f"{year}{last:02d}", _as_excel(code), "Trelleborg", 0])
    _xlsx(folder / "polisuttag-manad-trelleborg-2019-2026-fiktiva.xlsx", {"Uttag": rows})


def main(root: Path = ROOT) -> None:
    chance = random.Random(1287)
    examples, template_dir = root / "data" / "examples", root / "data" / "templates"
    examples.mkdir(parents=True, exist_ok=True)
    template_dir.mkdir(parents=True, exist_ok=True)
    sol_databasfil(examples, chance)
    sol_tabell(examples)
    polisuttag(examples, chance)
    trygghetsmatning(examples, chance)
    bou(examples)
    aktivitetslogg(examples, chance)
    befolkning(examples)
    est(examples, chance)
    kolada(examples)
    atgarder(examples)
    anmalda_brott_i_kommunerna(examples, chance)
    lagesbild_indikatorer(examples, chance)
    sol_2022_2025(examples, chance)
    trygghetsmatning_2022_2025(examples)
    bou_2024(examples)
    aktivitetslogg_2023_2026(examples, chance)
    polisuttag_manader(examples)
    templates(template_dir)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT)
