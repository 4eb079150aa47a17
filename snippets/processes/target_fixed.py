import functools
import multiprocessing as mp


def greet(greeting, name):  # module level: the child finds it by name
    print(f"child: {greeting}, {name}")


def main():
    hello = functools.partial(greet, "hello")  # binds greeting; still pickles
    for target, args in ((greet, ("hi", "first")), (hello, ("second",))):
        p = mp.Process(target=target, args=args)
        p.start()
        p.join()
        print("main: exitcode", p.exitcode)


if __name__ == "__main__":
    main()
