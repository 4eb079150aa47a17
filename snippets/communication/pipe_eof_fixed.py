import multiprocessing


def reader(r, w):
    w.close()  # first thing: close this process's copy of the write end
    received = []
    while True:
        if not r.poll(5.0):
            print(f"reader: {received}, then no EOF after 5.0 s")
            return
        try:
            received.append(r.recv())
        except EOFError:
            print(f"reader: {received}, then EOFError")
            return


def main():
    r, w = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=reader, args=(r, w))
    p.start()
    r.close()  # main only writes
    for i in range(3):
        w.send(i)
    w.close()
    p.join()


if __name__ == "__main__":
    main()
