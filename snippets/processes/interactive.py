import subprocess
import sys

# What a REPL or notebook user types: the function is defined in the session.
IN_SESSION = """
import multiprocessing as mp
def square(x):
    print(f"square({x}) = {x * x}")

p = mp.get_context("spawn").Process(target=square, args=(7,))
p.start()
p.join()
print("exitcode", p.exitcode)
"""

# The fix: the function lives in its own module, snippets/processes/jobs.py
FROM_MODULE = """
import multiprocessing as mp
from jobs import square
p = mp.get_context("spawn").Process(target=square, args=(7,))
p.start()
p.join()
print("exitcode", p.exitcode)
"""


def session(title, code, repl=False):
    # `python -c`, like the REPL, has a __main__ with no file a child can
    # import; `python -i` fed from a pipe is the REPL itself, line by line.
    done = subprocess.run(
        [sys.executable, "-i", "-q"] if repl else [sys.executable, "-c", code],
        input=code if repl else None,
        cwd="snippets/processes",
        capture_output=True,
        text=True,
        timeout=30,
    )
    print(f"--- {title}")
    print(done.stdout, end="")
    for line in done.stderr.splitlines():
        if "Error" in line and not line.startswith(" "):
            print("error on stderr:", line.removeprefix(">>> "))


def main():
    session("python -c: square defined in the session", IN_SESSION)
    session(
        "python -i: the same lines typed at the >>> prompt", IN_SESSION, True
    )
    session("python -c: square imported from jobs.py", FROM_MODULE)


if __name__ == "__main__":
    main()
