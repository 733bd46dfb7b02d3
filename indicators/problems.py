"""What went wrong in an import file, said so an analyst can find and fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ImportProblem:
    """One problem in a file: where (sheet, row, column), what was found, what was expected."""

    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    found: Any = None
    expected: str | None = None

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                f"blad {self.sheet}" if self.sheet else "",
                f"rad {self.row}" if self.row is not None else "",
                f"kolumn {self.column}" if self.column else "",
            )
            if part
        )
        text = f"{where}: {self.message}" if where else self.message
        if self.found is not None:
            text += f"; hittade {self.found!r}"
        if self.expected:
            text += f", förväntade {self.expected}"
        return text + "."


class FileRefused(Exception):
    """The file cannot be imported; every problem found is listed."""

    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def refuse(message: str, **where: Any) -> FileRefused:
    return FileRefused([ImportProblem(message, **where)])
