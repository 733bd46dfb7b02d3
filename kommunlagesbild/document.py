"""The lägesbild as a Document (report/model.py), so the HTML, the tagged PDF and the Word file
the analysts finish come from report/'s renderers, as the annual follow-up's do.

The chapters are the three parts §4 of lag (2023:196) names: 1 Kartläggning (the extent and
development of crime, where and when, its consequences), 2 Annan relevant information, 3 Analys
(the drafted sentences, then the sources and their limits). An appendix traces every figure of
the year to its file, sheet and row.
"""

from __future__ import annotations

from goals.atgarder import AtgardLine
from goals.words import interval_text, value_text
from indicators.numbers import format_number
from indicators.times import date_of, moment_text
from kommunlagesbild.analys import WEEKDAY_NAMES, band_text, category_sentence, trend_text
from kommunlagesbild.atgardsplan import problem_measures
from kommunlagesbild.brott import Category
from kommunlagesbild.content import (
    ANALYS,
    MEDBORGARDIALOG,
    SECTIONS,
    SKOLANS_KARTLAGGNING,
    KommunLagesbild,
)
from kommunlagesbild.monster import SUPPRESS_BELOW, TIME_BANDS, WEEKDAYS, Counts, shown_count
from report.document import plan_table
from report.model import (
    Block,
    BulletList,
    Contents,
    Document,
    Heading,
    Markdown,
    Paragraph,
    Row,
    Section,
    Table,
    Text,
    cells,
    runs,
)
from report.to_docx import document_docx
from report.to_html import document_html, document_pdf

AUTHOR = "Säkerhetsenheten"
LAW = "lag (2023:196) om kommuners ansvar för brottsförebyggande arbete"
PART_1 = "Kartläggning av brottsligheten"
PART_2 = "Annan relevant information"
PART_3 = "Analys"
MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
SUPPRESSION_NOTE = (
    f"Tal från 1 till {SUPPRESS_BELOW - 1} visas som ”färre än {SUPPRESS_BELOW}” så att ingen "
    "enskild händelse kan pekas ut; 0 visas som 0."
)


def lagesbild_html(content: KommunLagesbild) -> str:
    return document_html(lagesbild_document(content))


def lagesbild_pdf(content: KommunLagesbild) -> bytes:
    return document_pdf(lagesbild_document(content))


def lagesbild_docx(content: KommunLagesbild) -> bytes:
    return document_docx(lagesbild_document(content))


def lagesbild_document(content: KommunLagesbild) -> Document:
    kommun = content.kommun.name
    return Document(
        title=content.title,
        author=f"{AUTHOR}, {kommun}",
        subject=f"Lägesbild av brottsligheten i {kommun} {content.year} enligt 4 § {LAW}, "
        "med kartläggning, annan relevant information och analys.",
        running_title=f"Lägesbild {content.year}, {kommun}",
        keywords=("lägesbild", "brottsförebyggande", "SFS 2023:196", str(content.year)),
        blocks=(
            _front(content),
            Contents(),
            _kartlaggning(content),
            _information(content),
            _analys(content),
            _origins(content),
        ),
    )


def state_text(content: KommunLagesbild) -> str:
    """'Fastställd 2026-03-14 av Karin Ek.', or that it is a draft."""
    if content.approval is not None:
        return f"Fastställd {date_of(content.approval.at)} av {content.approval.by}."
    return "Utkast, inte fastställd."


def _front(content: KommunLagesbild) -> Section:
    source = (
        f"sammanställd {content.made_on.isoformat()} ur de uppgifter som lästs in i "
        f"Trygghetsmål för {content.agreement_title}."
    )
    made = (
        f"Lägesbild enligt 4 § {LAW}, {source}"
        if content.approval
        else f"Utkast till lägesbild enligt 4 § {LAW}, {source} Analytikerna kompletterar och "
        "bearbetar texten innan den fastställs."
    )
    return Section(
        (
            Heading(1, content.title),
            *([Paragraph(runs(Text(state_text(content), bold=True)))] if content.approval else []),
            Paragraph(runs(made), "meta"),
            Paragraph(
                runs(
                    "Lägesbilden har tre delar, som lagen anger: en kartläggning av brottsligheten "
                    "i kommunen, dess omfattning och konsekvenser; annan relevant information; "
                    "och en analys. Varje siffra kan spåras till sin fil i bilagan."
                )
            ),
        ),
    )


# 1 Kartläggning -----------------------------------------------------------------------------


def _kartlaggning(content: KommunLagesbild) -> Section:
    return Section(
        (
            Heading(2, PART_1, "kartlaggning"),
            *_extent(content),
            *_development(content),
            *_where(content),
            *_when(content),
            *_consequences(content),
        )
    )


def _extent(content: KommunLagesbild) -> list[Block]:
    year = content.year
    heading = Heading(3, f"Omfattning {year}, jämfört med länet och riket")
    if not content.categories:
        return [heading, Paragraph(runs(f"Inga brottsuppgifter för {year} är inlästa."))]
    rows = tuple(Row(cells(*_extent_cells(c))) for c in content.categories)
    return [
        heading,
        Paragraph(
            runs(
                "Kategorierna står i den ordning de sticker ut: nivån per 100 000 invånare mot "
                "rikets, och en trend utöver slumpen. Brås indikatorer för kommuners lägesbild "
                "och de brottskategorier avtalets kodlista räknar visas var för sig; de är "
                "olika definitioner."
            )
        ),
        Table(
            f"Anmälda brott {year} per kategori: antal, per 100 000 invånare och mot länet och riket",
            ("Kategori", "Antal", "Per 100 000", "Länet", "Riket", "Mot riket", "Trend"),
            rows,
            widths=(27, 9, 11, 10, 10, 12, 21),  # "1,32 gånger" stays on its line
            numeric=frozenset({1, 2, 3, 4, 5}),
            compact=True,
        ),
        BulletList(tuple(runs(category_sentence(c)) for c in content.categories[:5])),
        *_incomplete(content.categories),
    ]


def _extent_cells(category: Category) -> tuple[str, ...]:
    current = category.current
    lan, riket = category.reference("lan"), category.reference("riket")
    ratio = category.riket_ratio
    return (
        category.label,
        _value(current.count if current else None, "antal")
        + ("" if current is None or current.complete else " *"),
        _value(current.rate if current else None, "per_100k"),
        _value(lan.rate if lan else None, "per_100k"),
        _value(riket.rate if riket else None, "per_100k"),
        f"{format_number(ratio, 2)} gånger" if ratio is not None else "–",
        _trend_cell(category),
    )


def _trend_cell(category: Category) -> str:
    trend = category.trend
    if trend is None:
        return "för få hela år"
    if trend.direction is None:
        return f"ingen säker trend {trend.first}–{trend.last}"
    verb = "ökar" if trend.direction == "okar" else "minskar"
    return f"{verb} {format_number(abs(trend.per_year) * 100)} % per år {trend.first}–{trend.last}"


def _incomplete(categories: tuple[Category, ...]) -> list[Block]:
    notes = [
        runs(f"{c.label} {f.year}: {f.note}")
        for c in categories
        for f in c.years
        if f.note and f.year == c.year
    ]
    if not notes:
        return []
    return [
        Paragraph(runs("* Ofullständigt underlag, en nedre gräns eller del av år:"), "small"),
        BulletList(tuple(notes)),
    ]


def _development(content: KommunLagesbild) -> list[Block]:
    if not content.categories:
        return []
    years = sorted({f.year for c in content.categories for f in c.years})
    rows = []
    for category in content.categories:
        by_year = {f.year: f for f in category.years}
        rows.append(
            Row(
                cells(
                    category.label,
                    *[
                        _value(by_year[y].count, "antal") + ("" if by_year[y].complete else " *")
                        if y in by_year
                        else "–"
                        for y in years
                    ],
                )
            )
        )
    trends = [
        runs(f"{c.label}: {trend_text(c.trend)}.")
        for c in content.categories
        if c.trend is not None
    ]
    first_width = 25.0
    return [
        Section(
            (
                Heading(3, f"Utveckling {years[0]}–{years[-1]}"),
                Paragraph(
                    runs(
                        "Antal anmälda brott per år. Trenden är en log-linjär modell över hela år "
                        "där spridningen tillåts vara större än slumpen ensam ger (överspridning); "
                        "den sägs öka eller minska bara när hela 95 % intervallet ligger på ena "
                        "sidan om noll."
                    )
                ),
                Table(
                    f"Anmälda brott per år {years[0]}–{years[-1]}",
                    ("Kategori", *[str(y) for y in years]),
                    tuple(rows),
                    widths=(first_width, *[(100 - first_width) / len(years)] * len(years)),
                    numeric=frozenset(range(1, len(years) + 1)),
                    compact=True,
                ),
                BulletList(tuple(trends))
                if trends
                else Paragraph(runs("Ingen trend kan skattas.")),
            ),
            landscape=len(years) > 6,
        )
    ]


def _where(content: KommunLagesbild) -> list[Block]:
    blocks: list[Block] = [Heading(3, "Var brotten sker och var otryggheten känns")]
    areas = content.areas
    if areas is not None:
        rows = sorted(areas.cells.items(), key=lambda kv: -kv[1])
        blocks += [
            Paragraph(runs(f"Anmälda brott {content.year} per område, ur {_file_text(areas)}.")),
            Table(
                f"Anmälda brott {content.year} per område",
                ("Område", "Antal"),
                tuple(Row(cells(key[0], shown_count(v))) for key, v in rows),
                widths=(70, 30),
                numeric=frozenset({1}),
                compact=True,
            ),
        ]
    index = content.survey_areas
    if index is not None:
        rows_tm = [(name, value) for name, value in index.areas]
        if index.kommun is not None:
            rows_tm.append((f"{content.kommun.name} totalt", index.kommun))
        blocks += [
            Paragraph(
                runs(
                    f"Trygghetsmätningens totalindex {index.year} per område (0–6, lägre är "
                    f"bättre), ur {index.file}."
                )
            ),
            Table(
                f"Trygghetsmätningens totalindex {index.year} per område",
                ("Område", "Totalindex"),
                tuple(Row(cells(name, value_text(v, "index_0_6"))) for name, v in rows_tm),
                widths=(70, 30),
                numeric=frozenset({1}),
                compact=True,
            ),
        ]
    if areas is None and index is None:
        blocks.append(
            Paragraph(
                runs(
                    "Inga uppgifter per område är inlästa (polisens uttag eller trygghetsmätningen)."
                )
            )
        )
    return [Section(tuple(blocks))]


def _when(content: KommunLagesbild) -> list[Block]:
    blocks: list[Block] = [Heading(3, "När brotten sker")]
    months, grid = content.months, content.weekday_time
    if months is not None:
        blocks += [
            Paragraph(
                runs(
                    f"Anmälda brott per månad {content.year}, ur {_file_text(months)}. {SUPPRESSION_NOTE}"
                )
            ),
            Table(
                f"Anmälda brott per månad {content.year}",
                MONTHS,
                (
                    Row(
                        cells(*[shown_count(months.cells.get((f"{m:02d}",))) for m in range(1, 13)])
                    ),
                ),
                widths=(100 / 12,) * 12,
                numeric=frozenset(range(12)),
                compact=True,
            ),
        ]
    if grid is not None:
        blocks += [
            Paragraph(
                runs(
                    f"Anmälda brott {content.year} per veckodag och tid på dygnet, ur "
                    f"{_file_text(grid)}. Klockslagen sparas aldrig, bara antalet per tidsband. "
                    f"{SUPPRESSION_NOTE}"
                )
            ),
            Table(
                f"Anmälda brott {content.year} per veckodag och tid på dygnet",
                ("Veckodag", *[band_text(b) for b in TIME_BANDS]),
                tuple(
                    Row(
                        cells(
                            WEEKDAY_NAMES[int(day) - 1],
                            *[shown_count(grid.cells.get((day, band), 0)) for band in TIME_BANDS],
                        )
                    )
                    for day in WEEKDAYS
                ),
                widths=(20, 16, 16, 16, 16, 16),
                numeric=frozenset({1, 2, 3, 4, 5}),
                compact=True,
            ),
        ]
    if months is None and grid is None:
        blocks.append(
            Paragraph(runs(f"Inga månads- eller tidsuppgifter för {content.year} är inlästa."))
        )
    return [Section(tuple(blocks))]


def _consequences(content: KommunLagesbild) -> list[Block]:
    blocks: list[Block] = [Heading(3, "Konsekvenser: otrygghet och utsatthet")]
    if not content.consequences:
        blocks.append(Paragraph(runs("Inga uppgifter ur NTU eller trygghetsmätningen är inlästa.")))
        return [Section(tuple(blocks))]
    blocks.append(
        Table(
            "Otrygghet och utsatthet: andel i procent med 95 % intervall, länet och riket",
            ("Mått", "År", "Andel", "95 % intervall", "Länet", "Riket", "Källa"),
            tuple(
                Row(
                    cells(
                        s.label,
                        str(s.year),
                        value_text(s.value, "andel_pct"),
                        interval_text(s.interval, "andel_pct") if s.interval else "–",
                        _value(s.lan, "andel_pct"),
                        _value(s.riket, "andel_pct"),
                        s.source,
                    )
                )
                for s in content.consequences
            ),
            widths=(28, 7, 9, 15, 9, 9, 23),
            numeric=frozenset({1, 2, 4, 5}),
            compact=True,
        )
    )
    return [Section(tuple(blocks))]


# 2 Annan relevant information ---------------------------------------------------------------


def _information(content: KommunLagesbild) -> Section:
    return Section(
        (
            Heading(2, PART_2, "information"),
            *_bou(content),
            *_est(content),
            *_measures(content),
            *_problem_links(content),
            *_activities(content),
            *_written(content, MEDBORGARDIALOG, "Ingen text om medborgardialogen är skriven."),
            *_written(
                content, SKOLANS_KARTLAGGNING, "Ingen text om skolans kartläggning är skriven."
            ),
        )
    )


def _written(content: KommunLagesbild, section: str, missing: str) -> list[Block]:
    """A section the analysts write: its current text with author and time, or that none is."""
    written = content.text(section)
    heading = Heading(3, SECTIONS[section])
    if written is None:
        return [heading, Paragraph(runs(missing), "meta")]
    return [heading, *_signed(written.text, written.author, written.saved_at)]


def _signed(text: str, author: str, saved_at: str) -> list[Block]:
    return [Markdown(text), Paragraph(runs(f"{author}, {moment_text(saved_at)}"), "meta")]


def _bou(content: KommunLagesbild) -> list[Block]:
    heading = Heading(3, "Barn och unga (Folkhälsoenkät Barn och Unga)")
    if not content.bou:
        return [heading, Paragraph(runs("Ingen mätning av Barn och Unga är inläst."))]
    wave = content.bou[0].year
    return [
        heading,
        Paragraph(runs(f"Senaste mätningen till och med {content.year}: {wave}.")),
        Table(
            f"Barn och Unga {wave}: andel i procent per årskurs, med Skåne",
            ("Indikator", "Årskurs", "Kommunen", "Skåne", "Svarande"),
            tuple(
                Row(
                    cells(
                        r.indicator,
                        r.grade,
                        value_text(r.value, "andel_pct"),
                        _value(r.region, "andel_pct"),
                        _value(r.n, "antal"),
                    )
                )
                for r in content.bou
            ),
            widths=(40, 18, 14, 14, 14),
            numeric=frozenset({2, 3, 4}),
            compact=True,
        ),
    ]


def _est(content: KommunLagesbild) -> list[Block]:
    heading = Heading(3, f"EST-lägesbilden {content.year}")
    est = content.est
    if est is None:
        return [
            heading,
            Paragraph(runs(f"Ingen EST-enkät eller händelselogg för {content.year} är inläst.")),
        ]
    blocks: list[Block] = [heading]
    if est.factors:
        top = ", ".join(
            f"{name} ({format_number(mean.value, 2)})" for name, mean in est.factors[:3]
        )
        blocks.append(
            Paragraph(
                runs(
                    f"Veckoenkäten hade svar {est.weeks} veckor {content.year}. Högst medelvärde "
                    f"över året: {top}."
                )
            )
        )
        blocks.append(
            Table(
                f"EST-enkäten {content.year}: medelvärde per faktor över årets veckor",
                ("Faktor", "Medelvärde", "Svar"),
                tuple(
                    Row(cells(name, format_number(mean.value, 2), format_number(mean.n)))
                    for name, mean in est.factors
                ),
                widths=(60, 20, 20),
                numeric=frozenset({1, 2}),
                compact=True,
            )
        )
    if est.areas:
        blocks.append(
            Paragraph(
                runs(
                    "Områden med högst medelvärde (alla faktorer): "
                    + ", ".join(f"{a} ({format_number(m.value, 2)})" for a, m in est.areas[:3])
                    + "."
                )
            )
        )
    if est.events:
        blocks.append(
            Table(
                f"EST-händelseloggen {content.year}: händelser per kategori",
                ("Kategori", "Händelser"),
                tuple(Row(cells(name, shown_count(n))) for name, n in est.events),
                widths=(70, 30),
                numeric=frozenset({1}),
                compact=True,
            )
        )
    return blocks


def _measures(content: KommunLagesbild) -> list[Block]:
    heading = Heading(3, f"Åtgärder som pågår {content.year}")
    overview = content.atgarder
    if overview is None or not overview.lines:
        return [heading, Paragraph(runs(f"Ingen åtgärd i åtgärdslistan pågick {content.year}."))]
    plan = [plan_table(overview)] if overview.planned else []
    return [
        heading,
        Paragraph(
            runs(
                f"Ur åtgärdslistan {overview.file}, importerad {date_of(overview.imported_at or '')}."
            ),
            "meta",
        ),
        *plan,
        Table(
            f"Åtgärder {content.year}",
            ("Åtgärd", "Fokusområde", "Ansvarig", "Status", "Kopplade mål"),
            tuple(
                Row(
                    cells(
                        line.name,
                        line.focus_area,
                        line.responsible,
                        line.status,
                        ", ".join(line.linked_goals) or "–",
                    )
                )
                for line in overview.lines
            ),
            widths=(30, 20, 15, 13, 22),
            compact=True,
        ),
    ]


NO_MEASURE = "Inga åtgärder kopplade"


def _problem_links(content: KommunLagesbild) -> list[Block]:
    """Which measures answer each problem of the lägesbild (the template's column "Problem i
    lägesbilden"), so a problem no measure answers is named."""
    if not content.categories:
        return []
    pairs = problem_measures(content.categories, content.atgarder)
    unanswered = [pair.problem for pair in pairs if not pair.measures]
    return [
        Heading(3, f"Åtgärdsplanen mot lägesbildens problem {content.year}"),
        Paragraph(
            runs(
                "Varje brottskategori i kartläggningen, i den ordning de sticker ut, med de "
                "åtgärder som åtgärdslistan kopplar till den (kolumnen ”Problem i lägesbilden”) "
                f"och deras uppföljning {content.year}. "
                + (
                    f"{len(unanswered)} av {len(pairs)} kategorier har ingen åtgärd kopplad."
                    if unanswered
                    else "Alla kategorier har minst en åtgärd kopplad."
                )
            )
        ),
        Table(
            f"Lägesbildens problem {content.year} och åtgärderna kopplade till dem",
            ("Problem i lägesbilden", "Åtgärder och uppföljning"),
            tuple(Row(cells(pair.problem, _measures_text(pair.measures))) for pair in pairs),
            widths=(35, 65),
            compact=True,
        ),
    ]


def _measures_text(lines: tuple[AtgardLine, ...]) -> str:
    """'Belysning i viadukter (✓ Grön); Väktare (ej uppföljd)' — sign and word, never colour."""
    if not lines:
        return NO_MEASURE
    return "; ".join(
        f"{line.name} ({line.follow_up.label if line.follow_up else 'ej uppföljd'})"
        for line in lines
    )


def _activities(content: KommunLagesbild) -> list[Block]:
    heading = Heading(3, f"Aktivitetsloggen {content.year}")
    logged = content.activities
    if logged is None:
        return [heading, Paragraph(runs(f"Aktivitetsloggen har inga poster {content.year}."))]
    return [
        heading,
        Table(
            f"Aktiviteter {content.year} per typ, ur {', '.join(logged.files)}",
            ("Aktivitet", "Antal"),
            tuple(Row(cells(name, format_number(n))) for name, n in logged.counts),
            widths=(70, 30),
            numeric=frozenset({1}),
            compact=True,
        ),
    ]


# 3 Analys -----------------------------------------------------------------------------------


def drafted_analysis(content: KommunLagesbild) -> list[Block]:
    """The sentences drafted from the figures, shown until the analysts write their own."""
    return [
        Paragraph(
            runs(
                Text("Utkast. ", bold=True),
                "Meningarna är skrivna ur siffrorna ovan; analytikerna bearbetar dem och lägger "
                "till sin egen bedömning (orsaker, medborgardialog, skolans kartläggning).",
            )
        ),
        BulletList(tuple(runs(s) for s in content.analysis))
        if content.analysis
        else Paragraph(runs("Inga meningar kunde skrivas ur underlaget.")),
    ]


def _analys(content: KommunLagesbild) -> Section:
    written = content.text(ANALYS)
    return Section(
        (
            Heading(2, PART_3, "analys"),
            *(
                drafted_analysis(content)
                if written is None
                else _signed(written.text, written.author, written.saved_at)
            ),
            Heading(3, "Källor och deras begränsningar"),
            Table(
                "Källor som använts och som inte använts, med begränsningar",
                ("Källa", "Används", "Filer", "Begränsningar"),
                tuple(
                    Row(
                        cells(
                            s.label,
                            "ja" if s.used else "nej, inget inläst för året",
                            ", ".join(s.files) or "–",
                            s.limit,
                        )
                    )
                    for s in content.sources
                ),
                widths=(18, 14, 24, 44),
                compact=True,
            ),
        )
    )


# Bilaga ------------------------------------------------------------------------------------


def _origins(content: KommunLagesbild) -> Section:
    rows = []
    for category in content.categories:
        current = category.current
        for origin in current.origins if current else ():
            rows.append(
                Row(
                    cells(
                        category.label,
                        str(category.year),
                        origin.file,
                        origin.sheet or "–",
                        origin.places,
                    )
                )
            )
    for share in content.consequences:
        if share.origin:
            o = share.origin
            rows.append(Row(cells(share.label, str(share.year), o.file, o.sheet or "–", o.places)))
    return Section(
        (
            Heading(2, "Bilaga: siffrornas ursprung", "ursprung"),
            Table(
                f"Filer, blad och rader bakom årets siffror ({content.year})",
                ("Uppgift", "År", "Fil", "Blad", "Rader"),
                tuple(rows),
                widths=(28, 7, 33, 17, 15),
                compact=True,
            )
            if rows
            else Paragraph(runs("Inga siffror.")),
        ),
        landscape=False,
    )


def _value(value: float | None, measure: str) -> str:
    return "–" if value is None else value_text(value, measure)


def _file_text(counts: Counts) -> str:
    basis = f", räknat på {counts.date_basis}" if counts.date_basis else ""
    return f"{counts.file}{basis}"
