"""Run only by tests/test_faults.py, in a pytest of its own that it then interrupts with
Ctrl-C while the slow snippet runs (the name keeps the outer session from collecting it)."""

from snippetrun.runner import SNIPPETS_ENV, run_snippet


def test_runs_a_slow_snippet(monkeypatch):
    monkeypatch.setenv(SNIPPETS_ENV, "tests/faults/cases/interrupted/snippets")
    run_snippet("interrupted.py", timeout=120)
