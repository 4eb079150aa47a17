"""Fault: the program raises an exception."""


def main():
    raise ValueError("fault fixture: raised on purpose")


if __name__ == "__main__":
    main()
