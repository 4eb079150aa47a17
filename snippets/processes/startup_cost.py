import multiprocessing as mp
import time

N = 10  # processes per start method


def nothing():
    pass


def start_and_join(ctx):
    start = time.perf_counter()
    p = ctx.Process(target=nothing)
    p.start()
    p.join()
    return time.perf_counter() - start, p.exitcode


def main():
    warm = mp.get_context("forkserver")
    first, _ = start_and_join(warm)  # the first also starts the server
    results = {}
    for method in ("fork", "spawn", "forkserver"):
        ctx = mp.get_context(method)
        runs = [start_and_join(ctx) for _ in range(N)]
        results[method] = (
            sorted(t for t, _ in runs)[N // 2],
            [code for _, code in runs],
        )
    fork_time = results["fork"][0]
    print(f"start() + join() of a process that does nothing; median of {N}")
    print(f"{'method':<12}{'ms':>8}{'vs fork':>9}  exit codes")
    for method, (median, codes) in results.items():
        print(
            f"{method:<12}{median * 1000:>8.1f}"
            f"{median / fork_time:>8.1f}x  {codes}"
        )
    print(
        "the first forkserver process, which also started the server: "
        f"{first * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
