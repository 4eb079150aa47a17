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


def session(title, code):
    # python -c, like the REPL: __main__ has no file a spawned child can import
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd="snippets/processes",
        capture_output=True,
        text=True,
        timeout=30,
    )
    print(f"--- {title}")
    print(done.stdout, end="")
    errors = done.stderr.strip().splitlines()
    if errors:
        print("last line on stderr:", errors[-1])


def main():
    session("square defined in the session", IN_SESSION)
    session("square imported from jobs.py", FROM_MODULE)


if __name__ == "__main__":
    main()
