"""The annual follow-up as a Document (report/model.py), rendered as HTML, a tagged PDF and Word.

Page 1 is what a board member reads if nothing else: every goal and target with status, value
and change from the year before, and the few drafted sentences that matter most. Then one
chapter per goal with its targets, a chart of each target's years and the analysts'
commentary, and last the åtgärder on a landscape page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from goals.atgarder import AtgarderOverview
from goals.coverage import incomplete_note
from goals.describe import KIND_LABELS
from goals.rules import RuleType
from goals.status import ROLL_UP_ORDER, Qualifier, Status
from goals.words import interval_text, value_text, verdict_interval_text
from indicators.kinds import Measure
from indicators.numbers import format_number
from indicators.times import date_of, moment_text
from report.atgarder import (
    AREA_COLUMNS,
    column_headings,
    focus_area_cells,
    line_cells,
    summary_sentence,
)
from report.content import AnnualReport, GoalEntry, TargetEntry
from report.model import (
    Block,
    BulletList,
    Chart,
    Contents,
    Document,
    Figure,
    Heading,
    Markdown,
    Panel,
    Paragraph,
    Point,
    Reference,
    Row,
    Section,
    StatusMark,
    Table,
    Text,
    cells,
    runs,
)
from report.to_docx import document_docx
from report.to_html import document_html, document_pdf

AUTHOR = "Säkerhetsenheten och kommunpolisen"
MOST_IMPORTANT = (3, 5)  # at least, at most
AXIS_LABELS = {"andel_pct": "procent", "index_0_6": "index (0–6)"}


def report_html(report: AnnualReport) -> str:
    return document_html(annual_document(report))


def report_pdf(report: AnnualReport) -> bytes:
    return document_pdf(annual_document(report))


def report_docx(report: AnnualReport) -> bytes:
    return document_docx(annual_document(report))


def annual_document(report: AnnualReport) -> Document:
    agreement = report.agreement
    parties = ", ".join(p.name for p in agreement.parties)
    return Document(
        title=f"Årsuppföljning {report.year}: {agreement.title}",
        author=f"{AUTHOR} ({parties})",
        subject=f"Uppföljning av samverkansöverenskommelsen för {report.year}, till "
        "kommunstyrelsen och chefen för lokalpolisområdet.",
        running_title=f"Årsuppföljning {report.year}",
        keywords=("samverkansöverenskommelse", "årsuppföljning", str(report.year)),
        blocks=(
            _front_page(report),
            Contents(),
            _changes(report),
            *[_goal(entry, report) for entry in report.goals],
            _atgarder(report.atgarder, report.year),
        ),
    )


# Page 1 -------------------------------------------------------------------------------------


def _front_page(report: AnnualReport) -> Section:
    agreement = report.agreement
    first, last = agreement.period
    parties = ", ".join(p.name for p in agreement.parties)
    return Section(
        (
            Heading(1, f"Årsuppföljning {report.year}"),
            Paragraph(runs(Text(agreement.title, bold=True))),
            Paragraph(
                runs(
                    f"Parter: {parties}. Avtalsperiod {first}–{last}. {report.state} "
                    f"{_status_counts(report)}"
                ),
                "meta",
            ),
            Heading(2, f"Sammanfattning {report.year}", "sammanfattning"),
            _summary_table(report),
            Heading(3, "Det viktigaste"),
            BulletList(tuple(runs(t.verdict.sentence) for t in most_important(report))),
        ),
        page_break_after=True,
    )


def _status_counts(report: AnnualReport) -> str:
    counts = report.goal_counts
    parts = [f"{counts[s]} {s.label.lower()}" for s in reversed(ROLL_UP_ORDER) if counts[s]]
    return f"Av {len(report.goals)} mål är {', '.join(parts)}."


def _summary_table(report: AnnualReport) -> Table:
    rows: list[Row] = []
    for entry in report.goals:
        lines = [
            cells(
                target.label,
                runs(StatusMark(target.verdict.status)),
                summary_value(target, report.year),
                *summary_change(target, report.year),
            )
            for target in entry.targets
        ]
        if len(lines) == 1:  # the goal is its target: one line, under the goal's title
            rows.append(Row((cells(entry.goal.title)[0], *lines[0][1:]), True))
            continue
        rows.append(Row(cells(entry.goal.title, runs(StatusMark(entry.status)), "", "", ""), True))
        rows += [Row(line) for line in lines]
    return Table(
        f"Mål och delmål {report.year}: status, värde och förändring mot värdet före",
        ("Mål och delmål", "Status", "Värde", "Värdet före", "Förändring"),
        tuple(rows),
        widths=(40, 17, 13, 12, 18),
        numeric=frozenset({2, 3, 4}),
        compact=True,
    )


def summary_value(entry: TargetEntry, year: int) -> str:
    """'88 inbrott', '2,29', '3 % (2021)': the judged value, its year named when it differs."""
    verdict = entry.verdict
    if verdict.value is None:
        return "–"
    text = value_text(verdict.value, entry.measure)
    if entry.measure not in ("andel_pct", "index_0_6") and verdict.unit and verdict.value != 1:
        text += f"\u00a0{verdict.unit}"
    judged = verdict.judged_year or year
    return text if judged == year else f"{text} ({judged})"


def summary_change(entry: TargetEntry, year: int) -> tuple[str, str]:
    """The value before the judged one ('104 (2020)') and the change to it ('−16')."""
    judged = entry.verdict.judged_year or year
    complete = {v.year: v.value for v in entry.trend if v.complete}
    earlier = [y for y in complete if y < judged]
    if judged not in complete or not earlier:
        return "–", "–"
    if not entry.comparable:
        return "–", "ej jämförbart"
    before = max(earlier)
    shown = f"{value_text(complete[before], entry.measure)} ({before})"
    return shown, signed_change(complete[before], complete[judged], entry.measure)


def signed_change(earlier: float, later: float, measure: str) -> str:
    """'−16', '+0,12', '−2 procentenheter', '±0'."""
    change = later - earlier
    if change == 0:
        return "±0"
    sign = "+" if change > 0 else "−"
    size = abs(change)
    if measure == "andel_pct":
        amount = format_number(size, 0 if float(size).is_integer() else 1)
        return f"{sign}{amount}\u00a0{'procentenhet' if size == 1 else 'procentenheter'}"
    return sign + value_text(size, measure)


def most_important(report: AnnualReport) -> list[TargetEntry]:
    """The three to five sentences a board member must not miss: targets missed or heading
    for a miss first, then verdicts that moved since last year, then firm results."""
    targets = [t for entry in report.goals for t in entry.targets]
    ranked = sorted(targets, key=lambda t: -_weight(t))
    least, most = MOST_IMPORTANT
    chosen = [t for t in ranked if _weight(t) > 0][:most]
    if len(chosen) < least:
        chosen += [t for t in ranked if t not in chosen][: least - len(chosen)]
    order = {id(t): i for i, t in enumerate(targets)}
    return sorted(chosen, key=lambda t: order[id(t)])


def _weight(entry: TargetEntry) -> int:
    verdict = entry.verdict
    weight = {
        Status.EJ_UPPNATT: 4,
        Status.INTE_PA_VAG: 4,
        Status.OSAKERT: 3,
        Status.DELVIS_UPPNATT: 3,
        Status.PA_VAG: 1,
        Status.UPPNATT: 1,
        Status.KAN_INTE_BEDOMAS: 0,
    }[verdict.status]
    if entry.previous and entry.previous.status != verdict.status:
        weight += 2
    if verdict.qualifier is Qualifier.SAKERSTALLT:
        weight += 1
    return weight


# Chapters -----------------------------------------------------------------------------------


def _changes(report: AnnualReport) -> Section:
    return Section(
        (
            Heading(2, "Förändringar sedan året före", "forandringar"),
            *_movers("Bättre än året före", report.improved),
            *_movers("Sämre än året före", report.worsened),
        )
    )


def _movers(heading: str, entries: list[TargetEntry]) -> list[Block]:
    items = tuple(
        runs(f"{t.label}: ", StatusMark(t.previous.status), " → ", StatusMark(t.verdict.status))
        for t in entries
        if t.previous
    )
    body: Block = BulletList(items) if items else Paragraph(runs("Inga delmål."))
    return [Section((Heading(3, heading), body), keep_together=True)]


def _goal(entry: GoalEntry, report: AnnualReport) -> Section:
    goal = entry.goal
    # The heading, the wording and the chart stay on one page: a chapter never starts with a
    # heading alone at the foot of a page.
    opening: list[Block] = [
        Heading(2, goal.title, f"mal-{goal.id}"),
        Paragraph(runs(goal.wording), "wording"),
        Paragraph(
            runs(f"{KIND_LABELS[goal.kind]}. Status {report.year}: ", StatusMark(entry.status))
        ),
    ]
    figure = goal_figure(entry, report.year, report.agreement.period)
    if figure:
        opening.append(figure)
    blocks: list[Block] = [
        Section(tuple(opening), keep_together=True),
        *[_target(t) for t in entry.targets],
    ]
    comment = report.comment(goal.id)
    if comment:
        blocks.append(
            Section(
                (
                    Heading(3, "Kommentar"),
                    Markdown(comment.text),
                    Paragraph(runs(f"{comment.author}, {moment_text(comment.saved_at)}"), "meta"),
                ),
                keep_together=True,
            )
        )
    return Section(tuple(blocks))


def _target(entry: TargetEntry) -> Section:
    verdict = entry.verdict
    interval = verdict_interval_text(verdict.ci, verdict.change_ci, entry.measure)
    return Section(
        (
            Heading(3, entry.label),
            Paragraph(runs(StatusMark(verdict.status, verdict.short), interval)),
            Paragraph(runs(verdict.sentence)),
            *(
                [Paragraph(runs(f"Ofullständigt underlag: {note}"), "small")]
                if (note := incomplete_note(verdict.coverage))
                else []
            ),
            Paragraph(runs(f"Förändring: {entry.change}"), "small"),
        ),
        keep_together=True,
    )


def goal_figure(entry: GoalEntry, year: int, period: tuple[int, int]) -> Figure | None:
    panels = tuple(target_panel(t, year, period) for t in entry.targets if t.trend)
    if not panels:
        return None
    years = sorted({p.year for panel in panels for p in panel.points})
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    return Figure(
        Chart(panels),
        f"{entry.goal.title}, värde per år {span}. Lodräta streck: 95 % intervall där värdet "
        "har ett; streckad linje: målet; prickad linje: jämförelseåret; ofylld punkt: del av år.",
        "Diagram. " + " ".join(panel_words(panel) for panel in panels),
    )


def target_panel(entry: TargetEntry, year: int, period: tuple[int, int]) -> Panel:
    points = tuple(
        Point(v.year, v.value, entry.intervals.get(v.year), v.complete) for v in entry.trend
    )
    return Panel(
        entry.label,
        entry.measure,
        AXIS_LABELS.get(entry.measure, entry.verdict.unit or "antal"),
        points,
        references(entry.target.rule, entry.verdict.compared_with, entry.measure, period),
        entry.verdict.judged_year or year,
    )


def references(
    rule: RuleType,
    compared_with: Mapping[str, Any] | None,
    measure: Measure,
    period: tuple[int, int],
) -> tuple[Reference, ...]:
    """The line a target is read against, as its rule draws it (goals/rules/): the goal itself,
    or the comparison year's value from the verdict."""
    line = rule.reference_line(period, measure)
    if line is not None:
        return (Reference(line.brief, line.lowest),)
    baseline = rule.baseline()
    if baseline is None or not compared_with or compared_with.get("value") is None:
        return ()
    value = float(compared_with["value"])
    label = f"{compared_with['year']}: {value_text(value, measure)} – målet är {baseline.wanted}"
    return (Reference(label, value, "baseline"),)


def panel_words(panel: Panel) -> str:
    """A chart panel in words: every value, its interval and the line it is read against."""
    values = "; ".join(
        f"{p.year}: {value_text(p.value, panel.measure)}"
        + (f" (95 % intervall {interval_text(p.interval, panel.measure)})" if p.interval else "")
        + ("" if p.complete else " (del av år)")
        for p in panel.points
    )
    lines = "".join(f" {r.label}." for r in panel.references)
    return f"{panel.title}: {values}.{lines}"


# Åtgärder -----------------------------------------------------------------------------------


def _atgarder(overview: AtgarderOverview | None, year: int) -> Section:
    heading = Heading(2, f"Åtgärder {year}", "atgarder")
    if overview is None or overview.file is None or overview.imported_at is None:
        return Section((heading, Paragraph(runs("Ingen åtgärdslista är importerad."))))
    if not overview.lines:
        return Section(
            (
                heading,
                Paragraph(
                    runs(
                        f"Åtgärdslistan {overview.file} har inga åtgärder som pågick {year} "
                        f"eller hade budget {year} eller {year - 1}."
                    )
                ),
            )
        )
    areas = Table(
        f"Budget per fokusområde {year}",
        tuple(column_headings(year, AREA_COLUMNS)),
        tuple(Row(cells(*row)) for row in focus_area_cells(overview)),
        widths=(38, 11, 17, 17, 17),
        numeric=frozenset({1, 2, 3, 4}),
        compact=True,
    )
    tables = [
        Table(
            f"Åtgärder {year}: {area}",
            tuple(column_headings(year)),
            tuple(Row(cells(*line_cells(line))) for line in lines),
            widths=(19, 9, 9, 14, 12, 12.5, 12.5, 12),
            numeric=frozenset({5, 6, 7}),
            compact=True,
        )
        for area, lines in overview.focus_areas
    ]
    return Section(
        (
            heading,
            Paragraph(
                runs(
                    f"Från åtgärdslistan {overview.file}, importerad "
                    f"{date_of(overview.imported_at)}. Status är den som står i listan."
                ),
                "meta",
            ),
            Paragraph(runs(summary_sentence(overview))),
            areas,
            *tables,
        )
    )
