import multiprocessing as mp


class JobError(Exception):
    def __init__(self, message, code):
        super().__init__(message)
        self.code = code

    def __reduce__(self):
        # rebuilt in the parent as JobError(message, code)
        return type(self), (self.args[0], self.code)


def run_job(n):
    raise JobError(f"job {n} failed", code=n)


def main():
    with mp.Pool(1) as pool:
        result = pool.apply_async(run_job, (7,))
        try:
            result.get(timeout=1)
        except JobError as error:
            print(f"main: caught {error!r}, code {error.code}")


if __name__ == "__main__":
    main()
