import multiprocessing


def reader(conn):
    received = []
    while True:
        if not conn.poll(1.0):  # bounded: a plain recv() could wait forever
            print(f"reader: {received}, then no EOF after 1.0 s")
            return
        try:
            received.append(conn.recv())
        except EOFError:
            print(f"reader: {received}, then EOFError")
            return


def main():
    r, w = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=reader, args=(r,))  # only r is passed
    p.start()
    for i in range(3):
        w.send(i)
    w.close()  # main's copy of the write end
    r.close()
    p.join()


if __name__ == "__main__":
    main()
