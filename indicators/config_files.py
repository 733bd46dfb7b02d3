"""Validated YAML configuration files whose errors name file, line, field and value in Swedish.

Agreement files, the indicator catalogue and per-source settings are edited by people, so a
typo must come back as a sentence they can act on, e.g.

    goals/agreements/x.yaml, rad 41, fält goals[4].targets[0].rule.opp: okänt fält
    (stavfel?); hittade '<'.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

ModelT = TypeVar("ModelT", bound=BaseModel)
# libyaml's loader when PyYAML was built with it: ten times faster, same nodes and marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Location = tuple[str | int, ...]

# Pydantic error types → Swedish. The context keys come from pydantic's own error ctx.
_SWEDISH_ERRORS: dict[str, str] = {
    "missing": "fältet saknas",
    "extra_forbidden": "okänt fält (stavfel?)",
    "literal_error": "ogiltigt värde, förväntade {expected}",
    "enum": "ogiltigt värde, förväntade {expected}",
    "union_tag_invalid": "okänd typ, förväntade {expected_tags}",
    "union_tag_not_found": "fältet type saknas, förväntade {expected_tags}",
    "string_type": "förväntade text",
    "string_pattern_mismatch": "ogiltigt format, förväntade mönstret {pattern}",
    "string_too_short": "får inte vara tom",
    "int_type": "förväntade ett heltal",
    "int_parsing": "förväntade ett heltal",
    "int_from_float": "förväntade ett heltal",
    "float_type": "förväntade ett tal",
    "float_parsing": "förväntade ett tal",
    "bool_type": "förväntade ja/nej (true/false)",
    "bool_parsing": "förväntade ja/nej (true/false)",
    "dict_type": "förväntade en mappning (nyckel: värde)",
    "list_type": "förväntade en lista",
    "tuple_type": "förväntade en lista",
    "model_type": "förväntade en mappning (nyckel: värde)",
    "model_attributes_type": "förväntade en mappning (nyckel: värde)",
    "too_short": "för få element, minst {min_length}",
    "too_long": "för många element, högst {max_length}",
    "greater_than_equal": "måste vara minst {ge}",
    "less_than_equal": "får vara högst {le}",
    "greater_than": "måste vara större än {gt}",
    "less_than": "måste vara mindre än {lt}",
    "date_type": "förväntade ett datum (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_parsing": "förväntade ett datum (ÅÅÅÅ-MM-DD)",
    "date_parsing": "förväntade ett datum (ÅÅÅÅ-MM-DD)",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a configuration file, located as precisely as the file allows."""

    file: str
    line: int | None
    field: str
    message: str
    found: Any = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, rad {self.line}"
        field = f", fält {self.field}" if self.field else ""
        found = "" if self.found is None else f"; hittade {self.found!r}"
        return f"{where}{field}: {self.message}{found}."


class ConfigError(Exception):
    """A configuration file could not be read or failed validation; every problem is listed."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def load_model(path: Path, model: type[ModelT], *, display_name: str | None = None) -> ModelT:
    """Read a YAML file and validate it as `model`, or raise ConfigError in Swedish."""
    document = read_yaml(path, display_name or str(path))
    return document.validate(model)


@dataclass(frozen=True)
class YamlDocument:
    """Parsed YAML with the line of every key, so later checks can point into the file too."""

    name: str
    data: Any
    lines: dict[Location, int]

    def validate(self, model: type[ModelT]) -> ModelT:
        try:
            return model.model_validate(self.data)
        except ValidationError as exc:
            raise ConfigError(
                problems_from_validation(exc, self.name, self.data, self.lines)
            ) from None

    def problem(self, location: Location, message: str, found: Any = None) -> Problem:
        line = _nearest_line(location, self.lines)
        return Problem(self.name, line, format_location(location), message, found)


def read_yaml(path: Path, name: str) -> YamlDocument:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError([Problem(name, None, "", "filen finns inte")]) from None
    except UnicodeDecodeError as exc:
        message = f"filen är inte UTF-8 (byte {exc.start})"
        raise ConfigError([Problem(name, None, "", message)]) from None
    data, lines = parse_yaml_with_lines(text, name)
    return YamlDocument(name, data, lines)


def parse_yaml_with_lines(text: str, name: str) -> tuple[Any, dict[Location, int]]:
    """Parse YAML and map every path in the document to its 1-based line number."""
    # One parse: the data is constructed from the node tree whose marks give the lines (what
    # yaml.load does after its own compose), not parsed a second time.
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        problem = f"YAML-syntaxfel: {exc.problem or exc.context}"
        raise ConfigError([Problem(name, line, "", problem)]) from None
    finally:
        loader.dispose()
    lines: dict[Location, int] = {}
    if node is not None:
        _record_lines(node, (), lines)
    return data, lines


def _record_lines(node: yaml.Node, location: Location, lines: dict[Location, int]) -> None:
    lines.setdefault(location, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_location = (*location, key_node.value)
            lines[key_location] = key_node.start_mark.line + 1
            _record_lines(value_node, key_location, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*location, index), lines)


def problems_from_validation(
    exc: ValidationError, name: str, data: Any, lines: dict[Location, int]
) -> list[Problem]:
    errors = exc.errors(include_url=False)
    located = [(_data_location(error["loc"], data), error) for error in errors]
    problems = []
    for location, error in located:
        if _is_echo_of_child_error(location, error, located):
            continue
        found = None if error["type"] == "missing" else error.get("input")
        if error["type"] == "union_tag_invalid":
            location, found = (*location, "type"), error["ctx"]["tag"]
        problems.append(
            Problem(
                file=name,
                line=_nearest_line(location, lines),
                field=format_location(location),
                message=swedish_message(error),
                found=_short(found),
            )
        )
    return problems


def _is_echo_of_child_error(location: Location, error: Any, located: list) -> bool:
    # A tuple whose element failed is also reported as too short; the element's error says it all.
    if error["type"] != "too_short":
        return False
    return any(
        len(other) > len(location) and other[: len(location)] == location for other, _ in located
    )


def _data_location(loc: tuple[str | int, ...], data: Any) -> Location:
    """Keep the parts of pydantic's error location that are keys or indexes in the document.

    Discriminated unions put their tag ('threshold_every_year') into the location although
    the file has no such key; a missing field is kept as the last part so it can be named.
    """
    location: list[str | int] = []
    node = data
    for part in loc:
        # Two branches, not one `or`: mypy narrows the part to an index only for the list.
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):  # noqa: SIM114
            node = node[part]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, dict) and part not in node and not _is_union_tag(part, node):
            location.append(part)
            break
        else:
            continue
        location.append(part)
    return tuple(location)


def _is_union_tag(part: str | int, node: dict) -> bool:
    return isinstance(part, str) and node.get("type") == part


def _nearest_line(location: Location, lines: dict[Location, int]) -> int | None:
    for end in range(len(location), -1, -1):
        line = lines.get(location[:end])
        if line is not None:
            return line
    return None


def format_location(location: Location) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def swedish_message(error: Any) -> str:
    template = _SWEDISH_ERRORS.get(error["type"])
    if error["type"] == "value_error":
        # Our own validators raise ValueError with a Swedish sentence; pydantic prefixes it.
        return str(error["ctx"]["error"])
    if template is None:
        return f"ogiltigt värde ({error['msg']})"
    try:
        return template.format(**error.get("ctx", {}))
    except KeyError:
        return template


def _short(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        text = repr(value)
        return text if len(text) <= 60 else text[:57] + "..."
    return value
