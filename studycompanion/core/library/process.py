"""Process identity (host, pid, start time) and whether a recorded owner is still alive: for job leases and for
the files a process is writing (media/.incoming copies), so a sweep at start removes only orphans.

A pid alone is not an identity: after a crash the system may give the same number to another process. The
process start time tells them apart (Linux: /proc; other POSIX systems: `ps`; elsewhere only the heartbeat).
"""

from __future__ import annotations

import functools
import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime

START_TOLERANCE = 2.0  # seconds: start times read twice may differ by rounding


@dataclass(frozen=True)
class Owner:
    host: str
    pid: int
    started: float | None

    @classmethod
    def this_process(cls) -> Owner:
        return _this_process()


@functools.cache
def _this_process() -> Owner:
    return Owner(socket.gethostname(), os.getpid(), process_start_time(os.getpid()))


@functools.cache
def _boot_time() -> float | None:
    try:
        with open("/proc/stat", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("btime "):
                    return float(line.split()[1])
    except OSError:
        return None
    return None


def process_start_time(pid: int) -> float | None:
    """When process `pid` started (seconds since the epoch), or None when it cannot be told."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            stat = fh.read()
        fields = stat[stat.rindex(")") + 2:].split()
        boot = _boot_time()
        if boot is not None:
            return round(boot + int(fields[19]) / os.sysconf("SC_CLK_TCK"), 2)
    except (OSError, ValueError, IndexError):
        if sys.platform.startswith("linux"):
            return None
    if sys.platform == "win32":
        return None
    try:
        out = subprocess.run(["ps", "-o", "lstart=", "-p", str(pid)], capture_output=True, text=True, timeout=5,
                             check=False).stdout.strip()
        return datetime.strptime(" ".join(out.split()), "%a %b %d %H:%M:%S %Y").timestamp() if out else None
    except (OSError, ValueError, subprocess.SubprocessError):
        return None


def pid_exists(pid: int) -> bool | None:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return None
    return True


def owner_alive(host: str, pid: int | None, started: float | None) -> bool | None:
    """False when the owner is certainly gone (its process ended, or its pid is now another process); True when
    it is running; None when this machine cannot tell (another host, no process table): the heartbeat decides."""
    if pid is None:
        return False
    if host and host != socket.gethostname():
        return None
    exists = pid_exists(pid)
    if exists is not True:
        return exists
    if started is None:
        return True
    now_started = process_start_time(pid)
    if now_started is None:
        return True
    return abs(now_started - started) <= START_TOLERANCE


def owner_tag() -> str:
    """A file-name prefix naming this process: `<pid>-<start time in centiseconds>-`."""
    me = Owner.this_process()
    return f"{me.pid}-{round((me.started or 0) * 100)}-"


def tagged_owner_alive(name: str) -> bool:
    """Whether the process named by a file's `owner_tag` prefix still runs (an untagged name has no owner)."""
    parts = name.split("-", 2)
    if len(parts) < 3 or not parts[0].isdigit() or not parts[1].isdigit():
        return False
    started = int(parts[1]) / 100 or None
    return owner_alive(socket.gethostname(), int(parts[0]), started) is not False
