import multiprocessing as mp
import os
import tempfile

LOCK = mp.Lock()  # module level: created again wherever the module is imported
SETTING = "set at import"


def child(fd, file_id):
    print(f"child: SETTING = {SETTING!r}")
    got = LOCK.acquire(timeout=0.2)
    print(f"child: module-level LOCK acquired: {got}")
    try:
        st = os.fstat(fd)
    except OSError as error:
        print(
            f"child: fd {fd} is not the parent's file here: {error.strerror}"
        )
        return
    if (st.st_dev, st.st_ino) == file_id:
        print(f"child: fd {fd} is the parent's file: {os.pread(fd, 100, 0)!r}")
    else:
        print(
            f"child: fd {fd} is not the parent's file here: "
            "another file uses that number"
        )


def main():
    global SETTING
    SETTING = "changed by main()"
    LOCK.acquire()  # the parent holds the lock while the child runs
    with tempfile.TemporaryFile() as f:
        f.write(b"written by the parent")
        f.flush()
        st = os.fstat(f.fileno())
        p = mp.Process(target=child, args=(f.fileno(), (st.st_dev, st.st_ino)))
        p.start()
        p.join()
    LOCK.release()


if __name__ == "__main__":
    main()
