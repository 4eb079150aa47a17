"""Charts of a benchmark's run, drawn as inline SVG at build time: the names the pages, the
renderer and the tests use. The drawing is in chartkit.py; each benchmark's figure and its
sentences are in figures/, one module per benchmark."""

from __future__ import annotations

from .chartkit import Bar, Group, Series, bar_chart, line_chart, text_width
from .figures import FIGURES, report_of
from .figures.common import Figure, figure_html, noisy, spread
from .figures.common import noise_note as _noise_note
from .figures.data import fig_data
from .figures.overhead import crossover_point, fig_chunksize, fig_crossover
from .figures.speedup import fig_speedup
from .figures.startup import fig_start_pool, fig_start_process
from .figures.threads import fig_threads

__all__ = [
    "FIGURES",
    "Bar",
    "Figure",
    "Group",
    "Series",
    "_noise_note",
    "bar_chart",
    "crossover_point",
    "fig_chunksize",
    "fig_crossover",
    "fig_data",
    "fig_speedup",
    "fig_start_pool",
    "fig_start_process",
    "fig_threads",
    "figure_html",
    "line_chart",
    "noisy",
    "report_of",
    "spread",
    "text_width",
]
