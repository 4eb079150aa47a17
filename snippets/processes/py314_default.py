import multiprocessing as mp
import os
import pickle

# A module-level side effect: runs wherever the module is imported
print(f"top level: {__name__} imported in pid {os.getpid()}")

SETTING = "set at import"


def report(label):
    print(f"{label}: SETTING = {SETTING!r}")
    try:
        print(f"{label}: TABLE has {len(TABLE)} rows")
    except NameError as error:
        print(f"{label}: NameError: {error}")


def run(target, label):
    p = mp.Process(target=target, args=(label,))
    try:
        p.start()
    except (pickle.PicklingError, AttributeError) as error:
        print(f"{label}: start() failed: {type(error).__name__}: {error}")
        return
    p.join()


def main():
    global SETTING
    SETTING = "changed by main()"
    print(f"main: start method {mp.get_start_method()}")
    run(report, "function")
    run(lambda label: report(label), "lambda")


if __name__ == "__main__":
    TABLE = ["a", "b", "c"]  # only where the module runs as the program
    main()
