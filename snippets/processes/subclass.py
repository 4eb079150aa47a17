import multiprocessing as mp


def describe(where):
    me = mp.current_process()
    parent = mp.parent_process()
    parent_text = f"{parent.name} (pid {parent.pid})" if parent else None
    print(
        f"{where:<11} current_process: {me.name} (pid {me.pid}) "
        f"| parent_process: {parent_text}"
    )


class Downloader(mp.Process):
    def __init__(self, url, **kwargs):
        super().__init__(**kwargs)  # required: sets up name, pid, exitcode...
        self.url = url  # pickled with the object under spawn and forkserver

    def run(self):  # start() calls run() in the child
        describe("child")
        print(f"{'child':<11} fetching {self.url}")
        helper = mp.Process(target=describe, args=("grandchild",))
        helper.start()
        helper.join()


def main():
    describe("main")
    a = Downloader("https://example.org/a")
    b = Downloader("https://example.org/b", name="downloader-b")
    for p in (a, b):
        p.start()
        p.join()
    print("names given by default:", a.name, "| given by us:", b.name)


if __name__ == "__main__":
    main()
