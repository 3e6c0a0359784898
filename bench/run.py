"""`make bench`: run every benchmark under bench/ in turn; each prints its own table.

Usage: python bench/run.py [NAME ...]   (default: all; names without .py, e.g. library_scale transcribe)
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["library_scale", "capture", "transcribe", "cards", "foryou", "ui"]


def main() -> int:
    wanted = sys.argv[1:] or [n for n in ORDER if (HERE / f"{n}.py").exists()]
    wanted += [p.stem for p in sorted(HERE.glob("*.py")) if not sys.argv[1:] and p.stem not in [*ORDER, "run"]
               and not p.stem.startswith("_")]
    failed = []
    for name in wanted:
        print(f"\n=== bench/{name}.py ===", flush=True)
        t0 = time.monotonic()
        rc = subprocess.call([sys.executable, str(HERE / f"{name}.py")])
        print(f"(bench/{name}.py: {time.monotonic() - t0:.0f} s, exit {rc})", flush=True)
        if rc:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
