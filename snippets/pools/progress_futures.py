import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed

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
    results = {}
    with ProcessPoolExecutor(max_workers=2) as executor:
        futures = {executor.submit(square, x): x for x in range(TASKS)}
        done = as_completed(futures)
        bar = tqdm(
            done,
            total=len(futures),  # as_completed has no len() either
            desc="squares",
            file=OneFramePerLine(),
            ncols=64,
            ascii=True,
            mininterval=0,  # redraw after every result
            miniters=1,
        )
        for future in bar:
            results[futures[future]] = future.result()
    print(f"results: {len(results)} of {TASKS}")
    print(f"all squares: {results == {x: x * x for x in range(TASKS)}}")


if __name__ == "__main__":
    main()
