"""snippetrun: run documentation snippets for real, and show what they did."""

from .runner import METHODS, Run, SnippetError, run_snippet

__all__ = ["METHODS", "Run", "SnippetError", "run_snippet"]
