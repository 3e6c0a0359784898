"""Shared CLI output helpers: JSON for scripts, aligned text for people, live job progress on stderr."""

from __future__ import annotations

import json
import sys
import threading
from datetime import date, datetime
from typing import Any

from studycompanion.core.db.tables import Job, Video
from studycompanion.core.types import JobState


def fmt_seconds(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    total = round(seconds)
    return f"{total // 60}:{total % 60:02d}"


def _default(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, default=_default, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def video_dict(video: Video, tags: list[str] | None = None) -> dict[str, Any]:
    data = video.model_dump()
    data["status"] = video.status.value
    if tags is not None:
        data["tags"] = tags
    return data


def job_dict(job: Job) -> dict[str, Any]:
    data = job.model_dump()
    data["step"], data["state"] = job.step.value, job.state.value
    return data


def print_table(rows: list[list[str]], headers: list[str]) -> None:
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line.rstrip())
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


class ProgressPrinter:
    """Job progress on stderr: one updating line on a terminal, a line per state change otherwise."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self._lock = threading.Lock()
        self._last: dict[int, JobState] = {}
        self.finished: dict[int, Job] = {}

    def __call__(self, job: Job) -> None:
        assert job.id is not None
        with self._lock:
            if job.state in (JobState.DONE, JobState.FAILED, JobState.CANCELLED):
                self.finished[job.id] = job
            if self.quiet:
                return
            label = f"clip {job.video_id} {job.step.value}"
            if job.state == JobState.RUNNING and self.tty:
                pct = f"{job.progress * 100:5.1f}%"
                eta = f" eta {fmt_seconds(job.eta)}" if job.eta else ""
                sys.stderr.write(f"\r{label}: {pct}{eta} {job.message[:50]:<50}")
                sys.stderr.flush()
            elif self._last.get(job.id) != job.state:
                end = "\n" if not self.tty else ""
                text = f"{label}: {job.state.value}"
                if job.state == JobState.FAILED:
                    text += f" - {job.error}"
                sys.stderr.write(("\r" if self.tty else "") + text + (" " * 30 if self.tty else "") + end)
                if self.tty and job.state != JobState.RUNNING:
                    sys.stderr.write("\n")
                sys.stderr.flush()
            self._last[job.id] = job.state


class CountProgress:
    """A counter on stderr for bulk work ("queued 1500 / 6000"): one updating line on a terminal, else one line
    at the end; silent with `quiet` (the `--json` output stays clean)."""

    def __init__(self, label: str, quiet: bool = False) -> None:
        self.label = label
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.last: tuple[int, int] = (0, 0)

    def __call__(self, done: int, total: int) -> None:
        self.last = (done, total)
        if self.quiet or not self.tty or total == 0:
            return
        sys.stderr.write(f"\r{self.label} {done:,} / {total:,}")
        sys.stderr.flush()

    def done(self) -> None:
        done, total = self.last
        if self.quiet or total == 0:
            return
        sys.stderr.write(("\r" if self.tty else "") + f"{self.label} {done:,} / {total:,}\n")
        sys.stderr.flush()


def clean(text: str) -> str:
    """Text for the terminal: no control characters or bidi overrides (a page's title cannot drive the terminal)."""
    from studycompanion.core.library.safe_text import terminal_safe

    return terminal_safe(text)


class SafeStream:
    """Wraps stdout / stderr: whatever a command prints passes `clean` first (every printer, one place)."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(clean(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
