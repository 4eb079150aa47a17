"""Chapter 7, beyond one machine: each test checks a claim its pages make about a run."""

from __future__ import annotations

import re
import socket

import psutil
import pytest

from snippetrun import shown_run
from tests.runs import lines_of, main_pid, texts, value_after, version

pytestmark = pytest.mark.timeout(300)

# A cluster starts several interpreters: room on a busy machine. Untraced: tracing every
# call in Dask's processes would multiply the run's time.
DASK = {"trace": False, "timeout": 120}
TIMED = {"trace": False, "timeout": 180}


def closed(port: int, run) -> bool:
    """No process of the run listens on the port any more: nothing does, or what does now
    started after the run ended (the system gave the free port to another program since:
    the shown run may be minutes old, or reused from the run store)."""
    with socket.socket() as s:
        if s.connect_ex(("127.0.0.1", port)) != 0:
            return True
    ended = run.started.timestamp() + run.wall
    holders = {c.pid for c in psutil.net_connections("tcp") if c.laddr and c.laddr.port == port}
    holders.discard(None)
    assert holders, f"port {port} answers, but psutil names no process holding it"
    return all(_started_after(pid, ended) for pid in holders)


def _started_after(pid: int, moment: float) -> bool:
    try:
        return psutil.Process(pid).create_time() > moment
    except psutil.NoSuchProcess:
        return True  # gone by now: it held the port after the run, not during it


def ports_in(run, pattern: str) -> list[int]:
    found = [int(m.group(1)) for m in (re.search(pattern, t) for t in texts(run)) if m]
    assert found, f"no port printed matching {pattern!r}"
    return found


# --- Lesson 1: connections and remote managers ---------------------------------------------


def test_listener_accepts_the_right_key_and_refuses_the_wrong_one():
    run = shown_run("beyond/connection_authkey.py")
    server = lines_of(run, "MainProcess")
    assert re.fullmatch(r"listening on 127\.0\.0\.1 port \d+ \(chosen by the system\)", server[0])
    assert server[1] == "server: accepted, received ('hello from a worker', [1, 2, 3])"
    assert server[2] == "server: refused, AuthenticationError: digest received was wrong"
    assert server[3] == "listener closed"
    clients = [t for t in texts(run) if t.startswith("client")]
    assert clients == [
        "client with key b'lab-secret': sent, got 'thanks'",
        "client with key b'wrong-key': AuthenticationError: digest sent was rejected",
    ]
    # Each client line comes from its own child process, not from the server.
    assert {line.process for line in run.lines if line.text.startswith("client")} == {
        "Process-1",
        "Process-2",
    }


def test_without_authkey_there_is_no_handshake_and_with_one_hmac_sha256_since_3_12():
    run = shown_run("beyond/connection_handshake.py")
    lines = texts(run)
    assert lines[0] == "authkey=None: challenge sent: False; accept() returned a connection"
    if version(run) >= (3, 12, 0):
        assert lines[1:] == [
            "authkey=KEY: a challenge, 40 random bytes",
            "  HMAC digest it asks for: sha256; accept() failed: EOFError",
        ]
    else:
        assert lines[1:] == [
            "authkey=KEY: a challenge, 20 random bytes",
            "  HMAC digest it asks for: not named (md5); accept() failed: EOFError",
        ]


def test_listener_port_is_closed_afterwards():
    run = shown_run("beyond/connection_authkey.py")
    assert all(closed(p, run) for p in ports_in(run, r"port (\d+)"))


def test_remote_manager_workers_share_the_jobs():
    run = shown_run("beyond/remote_manager.py")
    assert re.fullmatch(r"server listening on 127\.0\.0\.1 port \d+", texts(run)[0])
    assert value_after(run, "squares:") == [n * n for n in range(8)]
    per_worker = value_after(run, "jobs per worker:")
    assert len(per_worker) == 3 and sum(per_worker) == 8


def test_remote_manager_refuses_the_wrong_key_then_stops():
    run = shown_run("beyond/remote_manager.py")
    assert "wrong key: AuthenticationError: digest sent was rejected" in texts(run)
    assert texts(run)[-1] == "server stopped"
    assert all(closed(p, run) for p in ports_in(run, r"port (\d+)"))


def test_remote_manager_workers_and_server_are_other_processes():
    run = shown_run("beyond/remote_manager.py")
    children = [lane for lane in run.timeline.lanes if lane.name != "MainProcess"]
    assert len(children) == 4  # the manager's server and three workers
    assert all(lane.exit_code == 0 for lane in children)


def test_unpickling_runs_the_code_the_client_chose_in_the_server():
    run = shown_run("beyond/pickle_runs_code.py")
    server = [line for line in run.lines if line.text.startswith("server:")]
    assert len(server) == 1
    pid = int(server[0].text.rsplit(" ", 1)[1])
    assert pid == server[0].pid != main_pid(run)
    assert server[0].process != "MainProcess"
    assert f"client: pid {main_pid(run)}, sending a 'job'" in texts(run)
    assert "client: the queue now holds None" in texts(run)  # exec's return value


# --- Lesson 2: a real engine ----------------------------------------------------------------


def test_dask_client_offers_the_futures_interface():
    run = shown_run("beyond/dask_client.py")
    lines = texts(run)
    assert lines[0] == "2 workers, none of them this process: True"
    assert "submit(square, 7).result(): 49" in lines
    assert value_after(run, "map + gather:") == [0, 1, 4, 9, 16, 25]
    assert value_after(run, "as_completed, sorted:") == [0, 1, 4, 9, 16, 25]
    assert lines[-1] == "cluster closed"


def test_dask_sends_a_lambda_that_pickle_refuses():
    run = shown_run("beyond/dask_client.py")
    # On 3.11-3.13 pickle reports a local lambda as an AttributeError (3.14: PicklingError).
    assert "pickle.dumps(lambda): AttributeError" in texts(run)
    assert "client.submit(lambda, 1): 101" in texts(run)


def test_dask_client_output_has_no_log_lines():
    run = shown_run("beyond/dask_client.py")
    assert len(texts(run)) == 7
    assert not any(" - distributed." in t or "WARNING" in t for t in texts(run))


def test_dask_and_executor_give_the_same_results():
    run = shown_run("beyond/dask_vs_executor.py")
    lines = texts(run)
    assert re.fullmatch(r"Python 3\.\d+\.\d+, dask 2026\.8\.0, CPUs: \d+, load average: [\d.]+", lines[0])
    same = next(t for t in lines if t.startswith("same results:"))
    assert same == "same results: True [500000, 500000] ..."
    rows = [t for t in lines if re.match(r"(start-up, s|per tiny task, ms|8 x count, s) ", t)]
    assert len(rows) == 3
    assert all(re.search(r"\d+\.\d{3}\s+\d+\.\d{3}\s+\d+\.\dx$", row) for row in rows)


def test_dask_cluster_leaves_no_port_open():
    run = shown_run("beyond/dask_vs_executor.py")
    ports = value_after(run, "ports the cluster listened on:")
    # Every port the process tree listened on (psutil): the scheduler's and its HTTP server's
    # (it runs without a dashboard too), and per worker its own, its nanny's and its HTTP
    # server's.
    assert len(ports) == 8
    assert value_after(run, "among them the scheduler's HTTP server:") in ports
    assert value_after(run, "still open after close:") == []
    assert all(closed(p, run) for p in ports)


# --- Lesson 3: where the work should go ------------------------------------------------------


def test_io_bound_waits_give_the_same_results_four_ways():
    run = shown_run("beyond/io_bound.py")
    lines = texts(run)
    assert lines[0] == "20 waits of 0.05 s each, CPUs: " + lines[0].rsplit(" ", 1)[1]
    names = [re.sub(r"\s+[\d.]+ s$", "", t) for t in lines[1:5]]
    assert names == ["one after another", "asyncio, one thread", "20 threads", "2 processes"]
    assert lines[-1] == "same results: True"


def test_io_bound_waits_one_after_another_take_at_least_their_sum():
    run = shown_run("beyond/io_bound.py")
    # Each time.sleep(0.05) lasts at least 0.05 s: guaranteed, not a measurement claim.
    assert float(texts(run)[1].split()[-2]) >= 20 * 0.05
