import multiprocessing as mp
import os
from multiprocessing import shared_memory
from multiprocessing.managers import SharedMemoryManager


def square_all(name):
    numbers = shared_memory.ShareableList(name=name)
    for i in range(len(numbers)):
        numbers[i] = numbers[i] ** 2
    numbers.shm.close()


def mapped(pid, name):
    # Linux lists a process's mappings, shared memory blocks included
    with open(f"/proc/{pid}/maps") as maps:
        return f"/dev/shm/{name}" in maps.read()


def main():
    with SharedMemoryManager() as smm:
        numbers = smm.ShareableList([1, 2, 3, 4])
        scratch = smm.SharedMemory(size=128)
        names = [numbers.shm.name, scratch.name]
        [server] = mp.active_children()  # the manager's server process
        for where, pid in [("main", os.getpid()), ("server", server.pid)]:
            found = [mapped(pid, n) for n in names]
            print(f"blocks mapped in the {where:6} process: {found}")
        p = mp.Process(target=square_all, args=(numbers.shm.name,))
        p.start()
        p.join()
        print(f"squared: {list(numbers)}")
        numbers.shm.close()
        scratch.close()
    # Leaving the with block unlinks every block the manager made.
    left = [n for n in names if os.path.exists(f"/dev/shm/{n}")]
    print(f"blocks made: {len(names)}, left in /dev/shm: {left}")


if __name__ == "__main__":
    main()
