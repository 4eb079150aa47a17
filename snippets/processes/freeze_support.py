import multiprocessing as mp
import sys
from multiprocessing import spawn


def show(title, command, exe_name):
    print(title)
    print("   ", exe_name)  # command[0]: the executable's path
    for arg in command[1:]:
        print("   ", arg)


def main():
    print(f"frozen: {getattr(sys, 'frozen', False)}")
    print(f"argv[1:]: {sys.argv[1:]}")
    print("freeze_support() returned; the program goes on")
    command = spawn.get_command_line(pipe_handle=7)
    show("a spawned child starts as:", command, "<python>")
    sys.frozen = True  # what PyInstaller, cx_Freeze or py2exe set
    try:
        command = spawn.get_command_line(pipe_handle=7)
    finally:
        del sys.frozen
    show("frozen, it would start as:", command, "<the program itself>")
    child_argv = ["program", "--multiprocessing-fork", "pipe_handle=7"]
    print(f"is_forking({child_argv[1:]}): {spawn.is_forking(child_argv)}")


if __name__ == "__main__":
    mp.freeze_support()  # the first line under the guard
    main()
