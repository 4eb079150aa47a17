import multiprocessing as mp
import os
import signal
import sys


def finish():
    pass  # returning normally: exit code 0


def give_up():
    sys.exit(3)  # a number: that number


def complain():
    sys.exit("bad config")  # a string: printed on stderr, exit code 1


def crash():
    raise ValueError("no such user")  # uncaught: traceback, exit code 1


def killed_by_signal():
    os.kill(os.getpid(), signal.SIGTERM)  # killed by signal 15: -15


def main():
    for target in (finish, give_up, complain, crash, killed_by_signal):
        p = mp.Process(target=target, name=target.__name__)
        p.start()
        p.join()
        print(f"{p.name:<17} exitcode={p.exitcode}")


if __name__ == "__main__":
    main()
