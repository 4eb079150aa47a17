"""Fault: the program exits with a status other than the one its page declares."""

import sys

if __name__ == "__main__":
    print("about to exit with status 3")
    sys.exit(3)
