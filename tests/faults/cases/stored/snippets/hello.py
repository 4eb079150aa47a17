import os

if __name__ == "__main__":
    print(f"hello from pid {os.getpid()}")
