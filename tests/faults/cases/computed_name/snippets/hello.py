"""Not a fault: a snippet that works, for the page-level cases."""

if __name__ == "__main__":
    print("hello")
