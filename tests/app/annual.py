"""The annual follow-up page's actions as tests take them: import burglaries, comment, approve."""

from typer.testing import CliRunner

from cli import cli
from tests.app.pages import call_callback, text
from tests.imports.files import SOL_HEADER, text_file

BURGLARY = "Trelleborg;Inbrottsstöld i bostad;År;{year};{count};..;"


def ingest(tmp_path, name: str, counts: dict[int, int]) -> None:
    lines = [BURGLARY.format(year=y, count=c) for y, c in counts.items()]
    path = text_file(tmp_path, name, [SOL_HEADER, *lines])
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "data"), "ingest", str(path)])
    assert result.exit_code == 0, result.output


DEFAULT_AGREEMENT = "trelleborg-2019-2022"


def save(
    client,
    dash_app,
    goal: str,
    comment: str,
    author: str,
    year: int = 2021,
    agreement: str = DEFAULT_AGREEMENT,
) -> str:
    goal_id = {"goal": goal, "type": "comment-save"}
    response = call_callback(
        client,
        dash_app,
        [{"id": goal_id, "property": "n_clicks", "value": 1}],
        [
            {"id": {**goal_id, "type": "comment-text"}, "property": "value", "value": comment},
            {"id": "annual-author", "property": "value", "value": author},
            {"id": "annual-year", "property": "data", "value": year},
            {"id": "annual-agreement", "property": "data", "value": agreement},
        ],
    )
    return text(next(v["children"] for k, v in response.items() if "comment-message" in k))


def approve(
    client, dash_app, author: str, year: int = 2021, agreement: str = DEFAULT_AGREEMENT
) -> dict:
    return call_callback(
        client,
        dash_app,
        [{"id": "annual-approval", "property": "submit_n_clicks", "value": 1}],
        [
            {"id": "annual-approval-action", "property": "data", "value": "faststall"},
            {"id": "annual-author", "property": "value", "value": author},
            {"id": "annual-year", "property": "data", "value": year},
            {"id": "annual-agreement", "property": "data", "value": agreement},
        ],
    )
