import multiprocessing
import os
import time

SIZE = 1024 * 1024  # 1 MiB per message: far more than the pipe holds


def writer(conn, letter, ready, lock):
    ready.wait()  # both writers start together
    if lock is None:
        conn.send_bytes(letter * SIZE)
    else:
        with lock:  # one whole message at a time
            conn.send_bytes(letter * SIZE)


def split(data):
    """Cut the bytes as recv_bytes() would: a 4-byte length, then the data."""
    messages = []
    while data and len(messages) < 4:
        size = int.from_bytes(data[:4], "big")
        payload, data = data[4 : 4 + size], data[4 + size :]
        letters = "".join(sorted(set(payload.decode("latin-1"))))
        messages.append(f"{len(payload)} bytes of {letters!r}")
    return sorted(messages)


def check(lock):
    r, w = multiprocessing.Pipe(duplex=False)
    ready = multiprocessing.Event()
    writers = []
    for letter in (b"A", b"B"):
        args = (w, letter, ready, lock)
        writers.append(multiprocessing.Process(target=writer, args=args))
        writers[-1].start()
    w.close()
    ready.set()
    time.sleep(0.2)  # let both writers fill the pipe before reading
    raw = b""
    while chunk := os.read(r.fileno(), 65536):  # every byte, until EOF
        raw += chunk
    r.close()
    for p in writers:
        p.join()
    return split(raw)


def main():
    print("without a lock:", check(None))
    print("with a lock:   ", check(multiprocessing.Lock()))


if __name__ == "__main__":
    main()
