"""Fault: the program prints without end."""

if __name__ == "__main__":
    line = "all work and no play makes Jack a dull boy " * 2
    n = 0
    while True:
        n += 1
        print(n, line)
