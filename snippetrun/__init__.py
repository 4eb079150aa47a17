"""snippetrun: run documentation snippets for real, and show what they did."""

from .model import Run
from .spec import METHODS, RunSpec, SnippetError
from .testing import fresh_run, shown_run

__all__ = ["METHODS", "Run", "RunSpec", "SnippetError", "fresh_run", "shown_run"]
