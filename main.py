"""计量收发台 — start the counter: `uv run main.py` (add `--demo` for a demo database)."""

import time

PROCESS_START = time.perf_counter()

if __name__ == "__main__":
    import sys

    from ui.shell.app import run

    sys.exit(run(sys.argv[1:], process_start=PROCESS_START))
