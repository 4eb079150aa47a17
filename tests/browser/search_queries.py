"""What readers type into the search, and the lesson each must find among the first three
results. Shared by tests/browser/test_browser_search.py and scripts/search_probe.py.

Each row: (language, query, page, section). `section` is the anchor of the section that answers
(for a pitfall, its own section), or None where the page as a whole answers. The error lines are
copied from the real output the page shows (or from the symptom it quotes), exactly as Python
prints them, because that is what a reader pastes."""

from __future__ import annotations

from typing import NamedTuple


class Query(NamedTuple):
    language: str
    query: str
    page: str
    section: str | None = None  # a part of the section's anchor
    pasted: bool = False  # pasted whole (a line copied from a traceback), not typed


# The last line of a traceback (or the warning) each pitfall shows, pasted as is. The pages of
# both languages show the same runs, so both searches get the same English line.
ERROR_LINES = [
    (
        "An attempt has been made to start a new process before the current process has finished its "
        "bootstrapping phase",
        "pitfalls/pickling",
        "bootstrapping-phase",
    ),
    (
        "A process in the process pool was terminated abruptly while the future was running or pending.",
        "pitfalls/pickling",
        "bootstrapping-phase",
    ),
    ("leaked shared_memory objects to clean up at shutdown", "pitfalls/shared_state", "unlink"),
    (
        "is multi-threaded, use of fork() may lead to deadlocks in the child",
        "pitfalls/platforms",
        "may-lead-to-deadlocks",
    ),
    ("AssertionError: daemonic processes are not allowed to have children", "pitfalls/pools", "daemonic"),
    ("AttributeError: Can't get local object 'main.<locals>.<lambda>'", "pitfalls/pickling", "local-object"),
    ("TypeError: cannot pickle '_io.TextIOWrapper' object", "pitfalls/pickling", "textiowrapper"),
    (
        "RuntimeError: Lock objects should only be shared between processes through inheritance",
        "pitfalls/pickling",
        "inheritance",
    ),
    ("TypeError: cannot pickle '_thread.lock' object", "pitfalls/pickling", "_threadlock"),
    # The second message of its section: the page, not the section, is what must rank.
    ("NotImplementedError: pool objects cannot be passed between processes or pickled", "pitfalls/pickling", None),
    ("multiprocessing.pool.MaybeEncodingError: Error sending result", "pitfalls/pickling", "maybeencodingerror"),
    (
        "TypeError: JobError.__init__() missing 1 required positional argument: 'code'",
        "pitfalls/pickling",
        "missing-1-required",
    ),
    ("AssertionError: Cannot have cache with result_handler not alive", "pitfalls/missing_output", "cannot-have-cache"),
]

SEARCHES: list[Query] = [
    *(
        Query(language, line, page, section, pasted=True)
        for language in ("en", "zh")
        for line, page, section in ERROR_LINES
    ),
    # Underscored names: the page about the name before pages that merely say "apply" or "count".
    Query("en", "apply_async", "pools/pool"),
    Query("zh", "apply_async", "pools/pool"),
    Query("en", "cpu_count", "processes/how_many_workers"),
    Query("zh", "cpu_count", "processes/how_many_workers"),
    Query("en", "process_cpu_count", "processes/how_many_workers"),
    Query("zh", "set_start_method", "processes/start_methods"),
    Query("en", "set_start_method", "processes/start_methods"),
    Query("en", "task_done", "pitfalls/hangs"),
    Query("zh", "task_done", "pitfalls/hangs"),
    Query("en", "error_callback", "pitfalls/missing_output"),
    Query("en", "freeze_support", "processes/main_guard"),
    Query("zh", "freeze_support", "processes/main_guard"),
    Query("en", "set_forkserver_preload", "processes/python314"),
    Query("zh", "set_forkserver_preload", "processes/python314"),
    # A word with its ending: the index keeps words as written, and Material appends * to terms.
    Query("en", "hangs", "pitfalls/hangs"),
    Query("en", "logging", "pools/logging"),
    Query("en", "daemonic", "pitfalls/pools"),
    Query("en", "bootstrapping", "processes/main_guard"),
    Query("en", "Windows", "pitfalls/platforms"),
    Query("zh", "pickle", "pitfalls/pickling"),
    # Chinese questions of three or more characters, as a reader types them. A question of
    # several words keeps them apart, as the examples do: Material's query segmentation
    # (worker/search, segment()) stops a run of Chinese at a stop word (进程被杀死 searches
    # only 进程), and never matches a word that ends the run whole, only the longest indexed
    # word before its last character (with the * Material appends, 杀 still finds 杀死).
    Query("zh", "子进程 返回值", "basics/queue"),
    Query("zh", "多进程 比 单进程 慢", "pitfalls/pools", "chunksize1"),
    Query("zh", "子进程 print 没有输出", "pitfalls/missing_output", "子进程的-print-没有输出"),
    Query("zh", "程序卡住不动", "pitfalls/hangs"),
    Query("zh", "子进程修改全局变量", "pitfalls/shared_state"),
    Query("zh", "随机数都一样", "pitfalls/platforms"),
    Query("zh", "卡住", "pitfalls/hangs"),
    # The questions of the newer lessons (issue 22), in each language.
    Query("en", "Queue.put() raises nothing and the item is lost", "pitfalls/pickling", "queueput"),
    Query("zh", "Queue.put 数据丢了", "pitfalls/pickling", "queueput"),
    Query("zh", "MaybeEncodingError", "pitfalls/pickling", "maybeencodingerror"),
    Query("zh", "对象里藏着锁", "pitfalls/pickling", "对象里藏着锁"),
    Query("zh", "Cannot have cache with result_handler not alive", "pitfalls/pickling", pasted=True),
    Query("en", "numpy shared memory", "sharing/numpy"),
    Query("zh", "NumPy 共享内存", "sharing/numpy"),
    Query("en", "progress bar", "pools/progress"),
    Query("zh", "进度条", "pools/progress"),
    Query("en", "tqdm", "pools/progress"),
    Query("zh", "tqdm", "pools/progress"),
    Query("en", "how many workers", "processes/how_many_workers"),
    Query("zh", "开几个工作进程", "processes/how_many_workers"),
    Query("zh", "工作进程数", "processes/how_many_workers"),
    Query("en", "cpu_count container", "processes/how_many_workers"),
    Query("zh", "容器 cpu_count", "processes/how_many_workers"),
    Query("zh", "容器", "processes/how_many_workers"),
    Query("zh", "process_cpu_count", "processes/how_many_workers"),
    Query("en", "max_workers must be <= 61", "processes/how_many_workers", pasted=True),
    Query("en", "need at most 63 handles", "processes/how_many_workers", pasted=True),
    Query("en", "Can't get attribute 'square' on <module '__main__'", "processes/main_guard", "jupyter", pasted=True),
    Query("zh", "Can't get attribute", "processes/main_guard", "jupyter"),
    Query("en", "Jupyter", "processes/main_guard"),
    Query("zh", "Jupyter 里用多进程", "processes/main_guard", "jupyter"),
    Query("en", "Exception in initializer", "pools/errors", "initializer", pasted=True),
    Query("zh", "initializer 抛出异常", "pools/errors", "initializer"),
    Query("en", "ProcessPoolExecutor Ctrl-C", "pools/ctrl_c", "processpoolexecutor"),
    Query("zh", "ProcessPoolExecutor 按 Ctrl-C", "pools/ctrl_c", "processpoolexecutor"),
    Query("en", "add_done_callback", "pools/executor", "add_done_callback"),
    Query("zh", "add_done_callback", "pools/executor", "add_done_callback"),
    Query("en", "exception calling callback for <Future", "pools/executor", pasted=True),
    Query("zh", "回调在哪个线程里运行", "pools/executor", "add_done_callback"),
    Query("en", "lock held by a killed process", "pools/logging", "a-lock-held-by-a-killed-process"),
    Query("zh", "进程 杀死 锁 释放", "pools/logging", "进程拿着锁被杀死"),
    Query("en", "acquire never returns after kill", "pitfalls/hangs", "acquire-never-returns"),
    Query("zh", "acquire 永远不返回", "pitfalls/hangs", "acquire-永远不返回"),
    Query("en", "default start method 3.14", "processes/python314"),
    Query("zh", "默认启动方式", "processes/python314"),
    Query("en", "forkserver default Python 3.14", "processes/python314"),
    Query("zh", "Python 3.14 默认 forkserver", "processes/python314"),
]
