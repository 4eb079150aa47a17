import inspect
import multiprocessing


def worker(conn):
    request = conn.recv()  # an object: unpickled here
    conn.send({"answer": sum(request["numbers"])})
    raw = conn.recv_bytes()  # bytes: no pickling at all
    conn.send_bytes(raw.upper())
    conn.close()


def main():
    here, there = multiprocessing.Pipe()  # duplex: both ends send and recv
    p = multiprocessing.Process(target=worker, args=(there,))
    p.start()
    there.close()  # the child's end: main does not use it
    print("poll(0.1) before asking:", here.poll(0.1))
    here.send({"numbers": [1, 2, 3]})
    print("poll(5) after asking:   ", here.poll(5))
    print("recv():      ", here.recv())
    print("recv() takes:", inspect.signature(here.recv))
    here.send_bytes(b"hello")
    print("recv_bytes():", here.recv_bytes())
    p.join()

    reader, writer = multiprocessing.Pipe(duplex=False)  # one way only
    writer.send("one way")
    print("one-way pipe:", reader.recv())
    try:
        reader.send("back")
    except OSError as error:
        print("reader.send():", error)


if __name__ == "__main__":
    main()
