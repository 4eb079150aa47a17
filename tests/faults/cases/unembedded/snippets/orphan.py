"""Fault: no page embeds this snippet."""

if __name__ == "__main__":
    print("hello")
