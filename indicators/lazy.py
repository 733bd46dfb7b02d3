"""Modules imported on first use: scipy and statsmodels cost the command line seconds.

The agreement model carries its rule types, and they compute with goals.stats; reading an
agreement (`trygghetsmal goals`, `schema`) must not pay for the statistics it never runs.
`lazy_module("goals.stats")` at a module's top stands for the module and imports it when an
attribute is first read. Through importlib.import_module, so threads that get there at once
(gunicorn's, on a worker's first requests) wait for one complete import; the standard
library's LazyLoader lets a second thread see the module half-executed.
"""

from __future__ import annotations

import importlib
from typing import Any


class LazyModule:
    """Stands for the module `name`, imported when an attribute is first read."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        return getattr(importlib.import_module(self._name), attribute)

    def __repr__(self) -> str:
        return f"<module {self._name!r}, imported on first use>"


def lazy_module(name: str) -> Any:
    return LazyModule(name)
