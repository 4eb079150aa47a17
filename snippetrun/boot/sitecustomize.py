"""Imported at start-up by every interpreter a snippetrun run starts (it is on PYTHONPATH).

It does three things; the last two are driven by environment variables the engine sets:

* Ctrl-C works as in a terminal: a build or test started from a shell that ignores SIGINT
  (``cmd &`` in a script) passes the ignore on to every process it starts, and Python then
  installs no KeyboardInterrupt handler; the lessons about Ctrl-C need the reader's terminal;

* ``SNIPPETRUN_START_METHOD``: calls ``multiprocessing.set_start_method`` so the snippet
  file runs unchanged under fork, spawn or forkserver;
* ``SNIPPETRUN_TRACE_DIR``: writes one JSON-lines file per process with what the timeline
  needs: process start and exit, entry calls of the snippet's own functions, lock use, and
  each output line; and, for a child that dies without writing its exit (killed), what its
  parent knows: when it sent the child a signal (``terminate()``, ``kill()``) and when it
  first saw the child gone (``join()``, ``exitcode``, ``is_alive()``). With
  ``SNIPPETRUN_TRACE=0`` only the start-up facts are written.

Only the standard library is used: this runs inside the reader's program.
"""

import atexit
import os
import signal
import sys
import time

if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

_TRACE_DIR = os.environ.get("SNIPPETRUN_TRACE_DIR")
_TRACE = _TRACE_DIR is not None and os.environ.get("SNIPPETRUN_TRACE", "1") == "1"
_SNIPPET = os.environ.get("SNIPPETRUN_SNIPPET", "")
_fd = -1
_fd_pid = -1
_EVENT_CAP = 2000  # calls and lock events per process; output lines are always kept
_counted = 0


def _emit(event: str, **fields) -> None:
    global _fd, _fd_pid, _counted
    pid = os.getpid()
    if _fd_pid != pid:
        _counted = 0
        if _fd >= 0:
            try:
                os.close(_fd)
            except OSError:
                pass
        path = os.path.join(_TRACE_DIR, f"{pid}.jsonl")
        _fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        _fd_pid = pid
    if event not in ("boot", "start", "exit", "end", "child", "line", "signal", "reaped"):
        _counted += 1
        if _counted > _EVENT_CAP:
            if _counted == _EVENT_CAP + 1:
                event, fields = "capped", {}
            else:
                return
    fields["e"] = event
    fields.setdefault("t", time.monotonic_ns())
    fields["pid"] = pid
    os.write(_fd, (_json.dumps(fields) + "\n").encode())


def _role() -> str:
    command = " ".join(getattr(sys, "orig_argv", sys.argv))
    for role in ("forkserver", "resource_tracker", "semaphore_tracker"):
        if f"multiprocessing.{role} import main" in command:
            return role
    if "--multiprocessing-fork" in sys.argv:
        return "spawned"
    return "main"


def _short(value: object) -> str:
    try:
        text = repr(value)
    except Exception:  # a repr that fails must not break the reader's program
        return "?"
    if text.startswith("<"):
        text = "<" + type(value).__name__ + ">"
    return text[:200]  # the engine redacts it, then shortens it for the timeline


def _arguments(frame) -> list:
    code = frame.f_code
    count = code.co_argcount + code.co_kwonlyargcount
    names = code.co_varnames[:count]
    return [_short(frame.f_locals.get(name)) for name in names]


_LOCK_CALLS = {"SemLock.acquire": "acquire", "SemLock.release": "release"}
_entry_frames: set = set()
_lock_frames: dict = {}


def _lock_name(lock) -> str:
    """The name of the semaphore behind a multiprocessing lock: the same in every process
    that shares the lock, different for locks created separately."""
    semlock = getattr(lock, "_semlock", lock)
    return str(getattr(semlock, "name", None) or id(semlock))


def _is_snippet_function(code) -> bool:
    return code.co_filename == _SNIPPET and code.co_name != "<module>"


_reaped: set = set()


def _popen(code) -> bool:
    """A method of the parent's handle on a child (multiprocessing's Popen classes)."""
    return code.co_filename in _POPEN_FILES


def _signal_sent(frame) -> None:
    """Popen._send_signal, called by terminate() and kill(): it signals only a child the
    parent has not yet seen end."""
    popen = frame.f_locals.get("self")
    if getattr(popen, "returncode", 0) is None:
        _emit("signal", to=popen.pid, sig=int(frame.f_locals.get("sig", 0)))


def _child_gone(frame, code) -> None:
    """Popen.poll returned the child's exit code: the first time is when the parent saw it end."""
    pid = getattr(frame.f_locals.get("self"), "pid", None)
    if pid is not None and pid not in _reaped:
        _reaped.add(pid)
        _emit("reaped", child=pid, code=code)


def _profile(frame, event, arg):
    code = frame.f_code
    if event == "call":
        if code.co_name == "_send_signal" and _popen(code):
            _signal_sent(frame)
            return
        caller = frame.f_back
        if caller is None or caller.f_code.co_filename != _SNIPPET:
            if _is_snippet_function(code):
                _entry_frames.add(frame)
                _emit("call", fn=code.co_name, args=_arguments(frame))
            return
        if caller.f_code.co_filename == _SNIPPET and code.co_filename == _SYNC_FILE:
            lock = _lock_name(frame.f_locals.get("self"))
            if code.co_name == "__enter__":
                _lock_frames[frame] = lock
                _emit("lock_wait", lock=lock)
            elif code.co_name == "__exit__":
                _emit("lock_release", lock=lock)
        elif _is_snippet_function(code) and not _is_snippet_function(caller.f_code):
            _entry_frames.add(frame)
            _emit("call", fn=code.co_name, args=_arguments(frame))
    elif event == "return":
        if frame in _entry_frames:
            _entry_frames.discard(frame)
            _emit("return", fn=code.co_name)
        elif frame in _lock_frames:
            _emit("lock_acquired", lock=_lock_frames.pop(frame))
        elif arg is not None and code.co_name == "poll" and _popen(code):
            _child_gone(frame, arg)
    elif event in ("c_call", "c_return") and code.co_filename == _SNIPPET:
        kind = _LOCK_CALLS.get(getattr(arg, "__qualname__", ""))
        if kind == "acquire":
            lock = _lock_name(getattr(arg, "__self__", None))
            _emit("lock_wait" if event == "c_call" else "lock_acquired", lock=lock)
        elif kind == "release" and event == "c_call":
            _emit("lock_release", lock=_lock_name(getattr(arg, "__self__", None)))


class _LineRecorder:
    """Wraps sys.stdout or sys.stderr: writes go through untouched, and each complete
    line is also recorded with the writing process's pid."""

    def __init__(self, stream, name: str) -> None:
        self._stream = stream
        self._name = name
        self._pending = ""

    def write(self, text):
        # The stamp is taken before the line can reach the pipe: the engine knows the line was
        # written between this stamp and the moment it read it, and never shows it earlier.
        stamp = time.monotonic_ns()
        written = self._stream.write(text)
        if isinstance(text, str):
            self._pending += text
            if "\n" in self._pending:
                *lines, self._pending = self._pending.split("\n")
                for line in lines:
                    _emit("line", stream=self._name, text=line[:300], t=stamp)
        return written

    def _forget(self) -> None:
        self._pending = ""

    def __getattr__(self, name):
        return getattr(self._stream, name)


_forked = False


def _how_started() -> str:
    """The start method of this child, from how it came to be: a forked copy of the fork
    server, a forked copy of another process, or a fresh interpreter (spawn)."""
    if not _forked:
        return "spawn"
    return "forkserver" if _ROLE == "forkserver" else "fork"


def _after_fork_in_child() -> None:
    global _forked
    _forked = True
    _entry_frames.clear()
    _lock_frames.clear()
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, _LineRecorder):
            stream._forget()


def _install_process_hooks() -> None:
    from multiprocessing import process

    original_bootstrap = process.BaseProcess._bootstrap

    def _bootstrap(self, *args, **kwargs):
        _emit("start", name=self.name, ppid=os.getppid(), method=_how_started())
        code = original_bootstrap(self, *args, **kwargs)
        _emit("exit", code=code)
        return code

    # Only the child's side is wrapped: a wrapper on the parent's side (Process.start)
    # would show up as an extra frame in the tracebacks readers see on the page.
    process.BaseProcess._bootstrap = _bootstrap


def _facts() -> dict:
    import multiprocessing

    try:
        cpus_usable = len(os.sched_getaffinity(0))
    except AttributeError:
        cpus_usable = os.cpu_count()
    return {
        "python": sys.version.split()[0],
        "implementation": sys.implementation.name,
        "gil": getattr(sys, "_is_gil_enabled", lambda: True)(),
        "cpus": os.cpu_count(),
        "cpus_usable": cpus_usable,
        # Without fixing the context (the snippet may still choose): the method already set,
        # else the platform default, which get_all_start_methods() lists first.
        "default_method": multiprocessing.get_start_method(allow_none=True)
        or multiprocessing.get_all_start_methods()[0],
    }


def _main_exit() -> None:
    _emit("exit", code=None)


def _process_end() -> None:
    """The very end of a process: after multiprocessing's own exit work (joining a queue's
    feeder thread, finalizers), which since 3.13 runs after ``_bootstrap`` has returned."""
    _emit("end")


def _install_exit_hook() -> None:
    real_exit = os._exit

    def _exit(code):
        try:
            _emit("end")
        except Exception:
            pass
        real_exit(code)

    os._exit = _exit


if _TRACE_DIR is not None:
    import json as _json

    _ROLE = _role()
    if _ROLE == "main":
        atexit.register(_main_exit)  # registered first, so it runs after multiprocessing's
    elif _ROLE == "spawned":
        atexit.register(_process_end)  # likewise: the last thing a spawned child does

# Line-buffered, as in a terminal: each line reaches the pipe in one write, as soon as it
# ends, so lines from different processes interleave whole and in the order they happened.
for _stream in (sys.stdout, sys.stderr):
    if _stream is not None and hasattr(_stream, "reconfigure"):
        _stream.reconfigure(line_buffering=True)

_METHOD = os.environ.get("SNIPPETRUN_START_METHOD")
if _METHOD:
    import multiprocessing

    multiprocessing.set_start_method(_METHOD, force=True)

if _TRACE_DIR is not None:
    if _ROLE == "main":
        _emit("boot", role=_ROLE, ppid=os.getppid(), facts=_facts())
    else:
        _emit("boot", role=_ROLE, ppid=os.getppid())
    if _TRACE:
        import multiprocessing.synchronize

        _SYNC_FILE = multiprocessing.synchronize.__file__
        _POPEN_FILES = {
            os.path.join(os.path.dirname(_SYNC_FILE), name) for name in ("popen_fork.py", "popen_forkserver.py")
        }
        _install_process_hooks()
        _install_exit_hook()
        os.register_at_fork(after_in_child=_after_fork_in_child)
        sys.stdout = _LineRecorder(sys.stdout, "stdout")
        sys.stderr = _LineRecorder(sys.stderr, "stderr")
        if _ROLE in ("main", "spawned", "forkserver"):
            import threading

            sys.setprofile(_profile)
            threading.setprofile(_profile)
