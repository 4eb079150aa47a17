import multiprocessing as mp
from multiprocessing.connection import Client, Listener

KEY = b"lab-secret"  # both ends must know it; it never crosses the wire


def worker(address, key):
    try:
        with Client(address, authkey=key) as conn:
            conn.send(("hello from a worker", [1, 2, 3]))
            print(f"client with key {key!r}: sent, got {conn.recv()!r}")
    except mp.AuthenticationError as err:
        print(f"client with key {key!r}: {type(err).__name__}: {err}")


def main():
    # Port 0: the system picks a free port; the listener says which.
    with Listener(("127.0.0.1", 0), authkey=KEY) as listener:
        host, port = listener.address
        print(f"listening on {host} port {port} (chosen by the system)")
        for key in (KEY, b"wrong-key"):
            child = mp.Process(target=worker, args=(listener.address, key))
            child.start()
            try:
                with listener.accept() as conn:
                    print(f"server: accepted, received {conn.recv()!r}")
                    conn.send("thanks")
            except mp.AuthenticationError as err:
                print(f"server: refused, {type(err).__name__}: {err}")
            child.join()
    print("listener closed")


if __name__ == "__main__":
    main()
