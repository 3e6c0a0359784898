"""A child process for the migration kill tests: upgrades a library to a revision and SIGKILLs itself just
before the Nth SQL statement of the migration connection (or after a delay), as a crash or a power cut would."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from studycompanion.core.db import engine as db_engine


def main() -> None:
    db_path, target, kill_at, delay = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    count = [0]
    original = db_engine._migration_engine

    def patched(path: Path) -> Engine:
        eng = original(path)

        @event.listens_for(eng, "before_cursor_execute")
        def _hook(*_args: Any) -> None:
            count[0] += 1
            if count[0] == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)

        return eng

    db_engine._migration_engine = patched  # type: ignore[assignment]
    if delay > 0:
        threading.Thread(target=lambda: (time.sleep(delay), os.kill(os.getpid(), signal.SIGKILL)), daemon=True).start()
    db = db_engine.Database(db_path)
    db.migrate(target)
    print(f"statements={count[0]}", flush=True)


if __name__ == "__main__":
    main()
