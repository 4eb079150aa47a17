import multiprocessing
import threading

BIG = b"x" * (1024 * 1024)  # fills the pipe: the feeder must wait for a reader


class Order:
    def __init__(self, items):
        self.items = items

    def __getstate__(self):
        # pickle calls this: report which thread makes the copy
        print(f"pickled by {threading.current_thread().name}: {self.items}")
        return self.__dict__


def consumer(q, go):
    go.wait()  # read nothing until main says so
    q.get()  # the big item
    order = q.get()
    print("consumer received:", order.items)
    order.items.append("added by consumer")


def main():
    q = multiprocessing.Queue()
    order = Order(["tea"])
    go = multiprocessing.Event()
    p = multiprocessing.Process(target=consumer, args=(q, go))
    p.start()
    q.put(BIG)
    q.put(order)
    order.items.append("cake")  # after put(), before anyone reads
    print("main: put() returned, then appended 'cake'")
    go.set()
    p.join()
    print("main still has:", order.items)


if __name__ == "__main__":
    main()
