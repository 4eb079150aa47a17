import logging
import multiprocessing as mp


def task():
    mp.get_logger().info("inside the task")


def main():
    mp.log_to_stderr(logging.INFO)  # the module's own log, on stderr
    p = mp.Process(target=task)
    p.start()
    p.join()


if __name__ == "__main__":
    main()
