import multiprocessing as mp

STOP = None


def wait_for_job(jobs):
    while (item := jobs.get()) is not STOP:
        print(f"reader: got {item}")
    print("reader: got the pill, exiting")


def main():
    jobs = mp.Queue()
    reader = mp.Process(target=wait_for_job, args=(jobs,))
    reader.start()
    jobs.put(STOP)  # ask it to stop instead of terminate()
    reader.join()
    print(f"reader stopped, exitcode {reader.exitcode}")
    jobs.put("job 1")
    print("main: got", jobs.get(timeout=1))


if __name__ == "__main__":
    main()
