import multiprocessing as mp
import os

LOADED_BY = os.getpid()  # the process that ran this module's top level


def report(q):
    origin = (
        "a copy of its parent"
        if LOADED_BY != os.getpid()
        else "imported the module itself"
    )
    q.put(f"{mp.current_process().name}: {origin}")


def run_child(ctx, name):
    q = ctx.Queue()  # objects for a child come from the same context
    p = ctx.Process(target=report, args=(q,), name=name)
    p.start()
    print(q.get())
    p.join()


def main():
    print(
        "available here:",
        mp.get_all_start_methods(),
        "(the first is the default)",
    )
    mp.set_start_method("spawn")  # once per program, in the main block
    print("global start method now:", mp.get_start_method())
    try:
        mp.set_start_method("fork")
    except RuntimeError as error:
        print("a second set_start_method():", error)

    run_child(mp, "global-spawn")
    run_child(mp.get_context("fork"), "context-fork")
    run_child(mp.get_context("forkserver"), "context-forkserver")
    print("global start method still:", mp.get_start_method())


if __name__ == "__main__":
    main()
