"""Modules imported on first use: scipy, statsmodels and pandas cost the command line seconds.

The agreement model carries its rule types, and they compute with goals.stats and stored rows;
reading an agreement (`trygghetsmal goals`, `schema`, `--help`) must not pay for the statistics
it never runs. `lazy_module("goals.stats")` at a module's top stands for the module and imports
it when an attribute is first read (importlib.util.LazyLoader, the standard library's recipe).
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy_module(name: str) -> ModuleType:
    """The module `name`, loaded when first used; the module itself if already imported."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module
