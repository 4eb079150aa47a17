"""Fault: the program reads its standard input. Under the engine stdin is at EOF: read()
returns nothing and input() raises EOFError, so it fails at once instead of hanging."""

import sys

if __name__ == "__main__":
    data = sys.stdin.read()
    print(f"stdin gave {len(data)} bytes")
    name = input("your name? ")
    print(f"hello {name}")
