from tqdm import tqdm


class Recorder:
    """A file for tqdm that keeps each write instead of showing it."""

    def __init__(self) -> None:
        self.writes: list[str] = []

    def write(self, text: str) -> None:
        self.writes.append(text)

    def flush(self) -> None:
        pass


def show(title: str, items, **options) -> None:
    file = Recorder()
    bar = tqdm(
        items, file=file, ascii=True, mininterval=0, miniters=1, **options
    )
    for _ in bar:
        pass
    print(f"{title}: tqdm called write() {len(file.writes)} times")
    for text in file.writes:
        print(repr(text))


def main() -> None:
    # total known; the bar without its times, to stay short
    show("total=3", range(3), bar_format="{l_bar}{bar:10}| {n}/{total}")
    # a generator has no len(), like imap_unordered and as_completed
    show("no total", (x for x in range(3)))


if __name__ == "__main__":
    main()
