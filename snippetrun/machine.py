"""The facts about the machine that built the site, for the home page."""

from __future__ import annotations

import multiprocessing
import os
import platform
from datetime import UTC, datetime
from functools import lru_cache
from html import escape
from pathlib import Path

from .i18n import text
from .interpreters import find_python, version_of

BUILT = datetime.now(UTC)


@lru_cache(maxsize=1)
def facts() -> dict[str, str]:
    try:
        os_name = platform.freedesktop_os_release().get("PRETTY_NAME", platform.system())
    except OSError:  # not a Linux with /etc/os-release
        os_name = platform.system()
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "os": f"{os_name} ({platform.system()} {platform.release()}, {platform.machine()})",
        "cpu": cpu,
        "cpu_count": str(os.cpu_count()),
        "python_runs": f"CPython {version_of(find_python(None))}",
        "python_build": f"{platform.python_implementation()} {platform.python_version()}",
        "start_methods": ", ".join(multiprocessing.get_all_start_methods()),
        "default_method": multiprocessing.get_start_method(),
        "built": BUILT.strftime("%Y-%m-%d %H:%M UTC"),
    }


def table(language: str) -> str:
    rows = "".join(
        f"<tr><th scope='row'>{escape(text(language, key))}</th><td>{escape(value)}</td></tr>"
        for key, value in facts().items()
    )
    caption = escape(text(language, "machine_caption"))
    return f'<table class="sr-machine"><caption>{caption}</caption><tbody>{rows}</tbody></table>'
