import ctypes
import multiprocessing as mp
from multiprocessing import sharedctypes


class Point(ctypes.Structure):
    _fields_ = [("x", ctypes.c_double), ("y", ctypes.c_double)]


def fill(i, squares, total, point):
    squares[i] = i * i  # each worker writes its own slot
    with total.get_lock():
        total.value += 0.5
    if i == 0:
        point.x, point.y = 1.5, -2.0


def main():
    squares = mp.Array("i", 5)  # five C ints, zeroed
    total = mp.Value(ctypes.c_double, 0.0)
    point = sharedctypes.RawValue(Point, 0.0, 0.0)  # a C struct
    shared = (squares, total, point)
    workers = [mp.Process(target=fill, args=(i, *shared)) for i in range(5)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"squares[:]     {squares[:]}")
    print(f"total.value    {total.value}")
    print(f"point          ({point.x}, {point.y})")
    print("what each call returns:")
    for label, obj in [
        ('Value("i", 0)', mp.Value("i", 0)),
        ('Value("i", 0, lock=False)', mp.Value("i", 0, lock=False)),
        ('RawValue("i", 0)', mp.RawValue("i", 0)),
        ('Array("i", 3)', mp.Array("i", 3)),
        ('RawArray("i", 3)', mp.RawArray("i", 3)),
    ]:
        has_lock = hasattr(obj, "get_lock")
        print(f"  {label:26} {type(obj).__name__:18} get_lock: {has_lock}")


if __name__ == "__main__":
    main()
