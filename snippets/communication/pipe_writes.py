import multiprocessing as mp

SIZES = [100, 16 * 1024, 16 * 1024 + 1, 1024 * 1024]


def write_calls(stats):
    # Linux counts a process's write() system calls: syscw in /proc/self/io
    return int(stats.split("syscw:")[1].split()[0])


def reader(conn):
    for _ in SIZES:
        conn.recv_bytes()


def main():
    r, w = mp.Pipe(duplex=False)
    p = mp.Process(target=reader, args=(r,))
    p.start()
    r.close()
    with open("/proc/self/io") as io:
        for size in SIZES:
            data = b"x" * size
            io.seek(0)
            before = io.read()
            w.send_bytes(data)
            io.seek(0)
            after = io.read()
            calls = write_calls(after) - write_calls(before)
            print(f"send_bytes() of {size:>7} bytes: write() calls: {calls}")
    p.join()


if __name__ == "__main__":
    main()
