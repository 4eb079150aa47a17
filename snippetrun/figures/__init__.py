"""The performance chapter's figures, one module per benchmark: each draws its run's report
as a chart, a table of the same numbers and what they show, in either language."""

from __future__ import annotations

import json
from collections.abc import Callable

from .common import Figure, figure_html
from .data import fig_data
from .overhead import fig_chunksize, fig_crossover
from .speedup import fig_speedup
from .startup import fig_start_pool, fig_start_process
from .threads import fig_threads

__all__ = ["FIGURES", "Figure", "figure_html", "report_of"]

# The names a page's bench(..., figure=...) may give: (report, language, ident) -> Figure.
FIGURES: dict[str, Callable[[dict, str, str], Figure]] = {
    "speedup": fig_speedup,
    "start_process": fig_start_process,
    "start_pool": fig_start_pool,
    "chunksize": fig_chunksize,
    "crossover": fig_crossover,
    "data": fig_data,
    "threads": fig_threads,
}


def report_of(output: str) -> dict:
    """The JSON line a benchmark prints last."""
    line = next((line for line in reversed(output.splitlines()) if line.startswith("{")), None)
    if line is None:
        raise ValueError("the program printed no JSON report line")
    return json.loads(line)
