"""Run only by tests/test_faults.py, in a pytest of its own that it then interrupts with
Ctrl-C while the slow snippet runs (the name keeps the outer session from collecting it)."""

from snippetrun import RunSpec, fresh_run


def test_runs_a_slow_snippet():
    fresh_run(RunSpec("interrupted.py", timeout=120, folder="tests/faults/cases/interrupted/snippets"))
