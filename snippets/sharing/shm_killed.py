import os
import subprocess
import sys
from multiprocessing import shared_memory

# A separate program: it creates a block and is killed before unlink().
# "self" kills only the program, "group" its whole process group, which
# holds its resource_tracker too.
VICTIM = """
import os, signal, sys
from multiprocessing import shared_memory
block = shared_memory.SharedMemory(create=True, size=64)
print(block.name, flush=True)
os.kill(os.getpid() if sys.argv[1] == "self" else 0, signal.SIGKILL)
"""


def run_victim(who):
    # -I: an isolated interpreter, a program of its own
    command = [sys.executable, "-I", "-c", VICTIM, who]
    # run() returns once the tracker has exited too: it holds the pipes
    victim = subprocess.run(
        command, capture_output=True, text=True, start_new_session=True
    )
    name = victim.stdout.strip()
    left = os.path.exists(f"/dev/shm/{name}")
    code = victim.returncode
    print(f"SIGKILL to {who:5}: exit code {code}, {name} left: {left}")
    for line in victim.stderr.splitlines():
        if "UserWarning" in line:
            print("  tracker:", line[line.index("UserWarning") :])
    if left:  # nobody is left to clean up: do it here
        block = shared_memory.SharedMemory(name=name)
        block.close()
        block.unlink()


def main():
    run_victim("self")
    run_victim("group")


if __name__ == "__main__":
    main()
