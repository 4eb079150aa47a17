import threading
from multiprocessing.connection import Client, Listener

KEY = b"lab-secret"
CHALLENGE = b"#CHALLENGE#"


def accept(listener, outcome, done):
    try:
        with listener.accept():
            outcome.append("accept() returned a connection")
            done.wait(timeout=5)  # keep it open until the client looked
    except (EOFError, OSError) as err:
        outcome.append(f"accept() failed: {type(err).__name__}")


def first_message(authkey):
    """What a server with this authkey sends a client that has no key."""
    with Listener(("127.0.0.1", 0), authkey=authkey) as listener:
        outcome, done = [], threading.Event()
        server = threading.Thread(
            target=accept, args=(listener, outcome, done)
        )
        server.start()
        with Client(listener.address) as conn:  # no key: no handshake
            first = conn.recv_bytes() if conn.poll(1) else None
        done.set()
        server.join()
    return first, outcome[0]


def main():
    first, outcome = first_message(None)
    print(f"authkey=None: challenge sent: {first is not None}; {outcome}")
    first, outcome = first_message(KEY)
    body = first.removeprefix(CHALLENGE)
    if body.startswith(b"{"):
        name, random_part = body[1:].split(b"}", 1)
        digest = name.decode()
    else:
        digest, random_part = "not named (md5)", body
    print(f"authkey=KEY: a challenge, {len(random_part)} random bytes")
    print(f"  HMAC digest it asks for: {digest}; {outcome}")


if __name__ == "__main__":
    main()
