import multiprocessing as mp
import sqlite3


def count_rows(db):
    print("child:", db.execute("select count(*) from t").fetchone()[0])


def main():
    db = sqlite3.connect(":memory:")
    db.execute("create table t (x)")
    p = mp.Process(target=count_rows, args=(db,))
    try:
        p.start()  # spawn and forkserver pickle args here
    except TypeError as error:
        print(f"start() failed: {type(error).__name__}: {error}")
        return
    p.join()
    print(f"main: exitcode {p.exitcode}")


if __name__ == "__main__":
    main()
