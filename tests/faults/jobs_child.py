"""A child process for the job-lease tests: a real runner (`jobs run`, or the app's background workers) over a
library, with a fake transcribe step that logs to a file and takes STEP_SECONDS, so tests can kill it mid-step."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from studycompanion.core.jobs.pipeline import StepContext
from studycompanion.core.types import JobStep
from studycompanion.paths import app_paths
from studycompanion.services import build_services


def main() -> None:
    mode, log_file, seconds = sys.argv[1], Path(sys.argv[2]), float(sys.argv[3])
    services = build_services(app_paths(os.environ["STUDYCOMPANION_HOME"]))
    services.settings.screen_text = False  # the chain under test: transcribe only

    def step(ctx: StepContext) -> str:
        with log_file.open("a") as fh:
            fh.write(f"start {os.getpid()} {ctx.job_id}\n")
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ctx.progress(0.5, "working")
            time.sleep(0.05)
        with log_file.open("a") as fh:
            fh.write(f"done {os.getpid()} {ctx.job_id}\n")
        return "ok"

    services.pipeline.handlers[JobStep.TRANSCRIBE] = step
    try:
        if mode == "run":  # the CLI's `jobs run`
            services.jobs.recover_interrupted()
            services.pipeline.run_pending()
        elif mode == "serve":  # the app: background workers until killed
            services.jobs.recover_interrupted()
            services.pipeline.start(workers=2)
            print("serving", flush=True)
            time.sleep(3600)
    finally:
        services.close()
    print("exit", flush=True)


if __name__ == "__main__":
    main()
