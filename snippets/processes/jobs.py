def square(x):
    print(f"square({x}) = {x * x}")


if __name__ == "__main__":
    square(7)  # the module works on its own, too
