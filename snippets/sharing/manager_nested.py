import multiprocessing as mp


def add_item(box):
    box["items"].append("pen")  # appends to a copy, then drops it
    print(f"worker, appended through the proxy: {box['items']}")
    items = box["items"]  # a local copy
    items.append("pen")
    box["items"] = items  # assigning sends it back to the manager
    print(f"worker, after re-assigning:        {box['items']}")


def main():
    with mp.Manager() as manager:
        box = manager.dict(items=[])
        p = mp.Process(target=add_item, args=(box,))
        p.start()
        p.join()
        print(f"main sees: {box['items']}")


if __name__ == "__main__":
    main()
