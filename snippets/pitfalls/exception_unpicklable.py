import multiprocessing as mp


class JobError(Exception):
    def __init__(self, message, code):
        super().__init__(message)  # args keeps the message only
        self.code = code


def run_job(n):
    raise JobError(f"job {n} failed", code=n)


def main():
    pool = mp.Pool(1)
    result = pool.apply_async(run_job, (7,))
    try:
        result.get(timeout=1)
    except JobError as error:
        print(f"main: caught {error!r}")
    except mp.TimeoutError:
        print("main: no result and no exception within 1 s")
    try:
        pool.terminate()
    except AssertionError as error:
        print(f"main: terminate() failed: {error}")


if __name__ == "__main__":
    main()
