"""Fault: the file is not valid Python (excluded from ruff in tests/faults/ruff.toml)."""

if __name__ == "__main__":
    print("never printed"
