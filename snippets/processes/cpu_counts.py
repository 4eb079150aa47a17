import multiprocessing as mp
import os
import platform
from pathlib import Path

CGROUP_V2 = Path("/sys/fs/cgroup/cpu.max")
CGROUP_V1 = Path("/sys/fs/cgroup/cpu/cpu.cfs_quota_us")


def cpu_limit() -> str:
    """The container's CPU limit (cgroups): none of the counts reads it."""
    if CGROUP_V2.exists():
        where = CGROUP_V2
        quota, period = where.read_text().split()
    elif CGROUP_V1.exists():
        where = CGROUP_V1
        quota = where.read_text().strip()
        period = (where.parent / "cpu.cfs_period_us").read_text().strip()
    else:
        return "no cgroup CPU limit file"
    if quota in ("max", "-1"):
        return f"{where}: {quota} (no limit)"
    return f"{where}: {quota} {period} = {int(quota) / int(period):g} CPUs"


def usable_cpus() -> int:
    return len(os.sched_getaffinity(0))


def report(who: str) -> None:
    print(f"{who}: os.cpu_count() = {os.cpu_count()}")
    if hasattr(os, "process_cpu_count"):  # new in Python 3.13
        print(f"{who}: os.process_cpu_count() = {os.process_cpu_count()}")
    else:
        version = platform.python_version()
        print(f"{who}: os.process_cpu_count() does not exist on {version}")
    print(f"{who}: len(os.sched_getaffinity(0)) = {usable_cpus()}")
    with mp.Pool() as pool:  # no size given: the default
        workers = len(mp.active_children())
        in_worker = pool.apply(usable_cpus)  # a worker inherits the affinity
        pool.close()
        pool.join()
    noun = "worker" if workers == 1 else "workers"
    print(f"{who}: Pool() starts {workers} {noun}")
    print(f"{who}: in a worker, len(os.sched_getaffinity(0)) = {in_worker}")


def on_one_cpu() -> None:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    report("child")


def main() -> None:
    print(f"Python {platform.python_version()}")
    report("parent")
    print(f"parent: {cpu_limit()}")
    child = mp.Process(target=on_one_cpu)
    child.start()
    child.join()


if __name__ == "__main__":
    main()
