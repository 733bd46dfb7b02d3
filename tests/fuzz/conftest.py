# The fuzz tier imports through the same store and limits as the import tests.
from tests.imports.conftest import context

__all__ = ["context"]
