import sys
import time
from multiprocessing import Pool

from tqdm import tqdm

TASKS = 12


def square(x: int) -> int:
    time.sleep(0.01 * (x % 3))  # tasks of different lengths
    return x * x


class OneFramePerLine:
    """A file for tqdm: each redraw of the bar on a line of its own."""

    def write(self, text: str) -> None:
        for frame in text.split("\r"):  # tqdm starts each redraw with \r
            if frame.strip():
                sys.stdout.write(frame.rstrip() + "\n")

    def flush(self) -> None:
        sys.stdout.flush()


def main() -> None:
    results = []
    with Pool(2) as pool:
        tasks = pool.imap_unordered(square, range(TASKS))
        bar = tqdm(
            tasks,
            total=TASKS,  # imap_unordered has no len(): say how many
            desc="squares",
            file=OneFramePerLine(),
            ncols=64,
            ascii=True,
            mininterval=0,  # redraw after every result
            miniters=1,
        )
        for value in bar:
            results.append(value)
    print(f"results: {len(results)} of {TASKS}")
    print(f"all squares: {sorted(results) == [x * x for x in range(TASKS)]}")


if __name__ == "__main__":
    main()
