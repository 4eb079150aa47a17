#!/usr/bin/env bash
# Run the test suite N times in a row with every CPU core kept busy, and report passes and
# failures per run and in total. Not part of CI: it is for finding tests that only fail
# when the machine is loaded (timing assumptions, races, too-tight bounds).
#
#   scripts/load.sh                                   # pytest -q, 10 runs
#   RUNS=3 scripts/load.sh -q tests/test_faults.py    # any pytest arguments
#   BUSY=1 scripts/load.sh ...                        # busy loops (default: one per core)
#
# The busy loops are started here and always stopped here: on normal exit, on Ctrl-C and on
# SIGTERM. Exit status: 0 when every run passed, 1 otherwise, 130 when interrupted.
set -u
cd "$(dirname "$0")/.."
if [ -z "${VIRTUAL_ENV:-}" ] && [ -f .venv/bin/activate ]; then
    # shellcheck disable=SC1091
    . .venv/bin/activate
fi

RUNS=${RUNS:-10}
BUSY=${BUSY:-$(nproc)}
if [ "$#" -eq 0 ]; then
    set -- -q
fi

busy_pids=()
stop_busy() {
    if [ "${#busy_pids[@]}" -gt 0 ]; then
        kill "${busy_pids[@]}" 2>/dev/null
        wait "${busy_pids[@]}" 2>/dev/null
        busy_pids=()
    fi
}
interrupted=0
trap 'interrupted=1' INT TERM
trap stop_busy EXIT

for _ in $(seq "$BUSY"); do
    # A subshell spinning in bash: pure CPU, killed by its pid; it also stops by itself
    # within a fraction of a second if this script is gone (even after a SIGKILL).
    ( while kill -0 "$$" 2>/dev/null; do for _ in {1..20000}; do :; done; done ) &
    busy_pids+=("$!")
done
echo "load: $BUSY busy loops (pids ${busy_pids[*]}) on $(nproc) cores; $RUNS runs of: pytest $*"

log=$(mktemp -t load-XXXXXX.log)
total_passed=0
total_failed=0
runs_ok=0
runs_bad=0
for run in $(seq "$RUNS"); do
    started=$(date +%s)
    python -m pytest "$@" -p no:cacheprovider >"$log" 2>&1
    status=$?
    seconds=$(($(date +%s) - started))
    if [ "$interrupted" -eq 1 ] || [ "$status" -eq 2 ]; then
        echo "run $run: interrupted"
        interrupted=1
        break
    fi
    summary=$(grep -E '^=*.*(passed|failed|error).* in [0-9.]+s' "$log" | tail -n 1 | tr -d '=' | sed 's/^ *//;s/ *$//')
    passed=$(grep -oE '[0-9]+ passed' <<<"$summary" | grep -oE '[0-9]+' || echo 0)
    failed=$(grep -oE '[0-9]+ (failed|errors?)' <<<"$summary" | grep -oE '[0-9]+' | paste -sd+ | bc 2>/dev/null || echo 0)
    passed=${passed:-0}
    failed=${failed:-0}
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
    if [ "$status" -eq 0 ]; then
        runs_ok=$((runs_ok + 1))
        verdict=ok
    else
        runs_bad=$((runs_bad + 1))
        verdict="FAILED (exit $status)"
        grep -E '^(FAILED|ERROR) ' "$log" | sed 's/^/    /'
    fi
    echo "run $run: $verdict, $passed passed, $failed failed, ${seconds}s  [$summary]"
done
rm -f "$log"
stop_busy
echo "total: $runs_ok of $((runs_ok + runs_bad)) runs passed; tests: $total_passed passed, $total_failed failed"
if [ "$interrupted" -eq 1 ]; then
    exit 130
fi
[ "$runs_bad" -eq 0 ]
