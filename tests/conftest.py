"""Shared fixtures: a real `mkdocs build --strict` of the site (built once per session and
shared by every site-wide test), and a check that no test leaves a process behind."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

from snippetrun.runner import SESSION_MARK
from tests.mkdocs_process import start_build, wait_build

SESSION = f"pytest-{os.getpid()}-{time.time_ns()}"
os.environ[SESSION_MARK] = SESSION  # inherited by builds the tests start, and by every run

ROOT = Path(__file__).resolve().parent.parent
BUILD_TIMEOUT = 900


@dataclass
class Build:
    site: Path
    manifest: dict
    log: str
    seconds: float

    def html(self, page: str, language: str) -> str:
        """page like "basics/pool" (or "" for the home page); language "zh" or "en"."""
        prefix = self.site if language == "zh" else self.site / "en"
        return (prefix / page / "index.html").read_text(encoding="utf-8")


def mkdocs_build(target: Path, extra_env: dict[str, str] | None = None, cwd: Path = ROOT) -> Build:
    """`mkdocs build --strict` into target/site, with the run manifest in target."""
    manifest = target / "manifest.json"
    started = time.monotonic()
    proc = start_build(target / "site", cwd, {"SNIPPETRUN_MANIFEST": str(manifest), **(extra_env or {})})
    log = wait_build(proc, BUILD_TIMEOUT)
    assert log is not None, f"mkdocs build did not end within {BUILD_TIMEOUT} s"
    seconds = time.monotonic() - started
    assert proc.returncode == 0, f"mkdocs build --strict failed:\n{log[-6000:]}"
    return Build(target / "site", json.loads(manifest.read_text(encoding="utf-8")), log, seconds)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Build:
    return mkdocs_build(tmp_path_factory.mktemp("build1"))


@pytest.fixture(scope="session")
def second_build(built_site, tmp_path_factory) -> Build:
    return mkdocs_build(tmp_path_factory.mktemp("build2"))


def _stray_processes() -> list[str]:
    stray = []
    me = psutil.Process()
    for proc in me.children(recursive=True):
        try:
            if proc.status() != psutil.STATUS_ZOMBIE:
                stray.append(f"pid {proc.pid}: {' '.join(proc.cmdline())[:100]}")
        except psutil.Error:
            continue
    for proc in psutil.process_iter():
        try:
            if proc.environ().get(SESSION_MARK) == SESSION and proc.status() != psutil.STATUS_ZOMBIE:
                stray.append(f"pid {proc.pid} (a snippet run's): {' '.join(proc.cmdline())[:100]}")
        except psutil.Error:
            continue
    return stray


@pytest.fixture(scope="session", autouse=True)
def no_process_left_behind():
    yield
    deadline = time.monotonic() + 5
    stray = _stray_processes()
    while stray and time.monotonic() < deadline:
        time.sleep(0.2)
        stray = _stray_processes()
    assert not stray, "processes left running after the test session:\n" + "\n".join(stray)
