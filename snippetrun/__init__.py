"""snippetrun: run documentation snippets for real, and show what they did."""

from .runner import METHODS, Run, SnippetError, cached_run, run_snippet
from .spec import RunSpec

__all__ = ["METHODS", "Run", "RunSpec", "SnippetError", "cached_run", "run_snippet"]
