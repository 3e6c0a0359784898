"""Worker child processes spoken to in JSON lines, `[tag, {...}]`: the parent's handle (the process, reader
threads turning its stdout lines into a queue, the tail of its stderr, send, stop) and the child's side of the
channel (stdin in, the original stdout out, anything a library prints sent to stderr so it cannot corrupt the
channel). The transcription engine (core/transcribe/engine.py + worker.py) and the on-screen text reader
(core/screen/process.py + worker.py) each run their own worker module through it."""

from __future__ import annotations

import json
import logging
import os
import queue
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

Message = tuple[str, dict[str, Any]]
Send = Callable[[Message], None]
Receive = Callable[[], "Message | None"]


def worker_command(module: str, frozen_flag: str) -> list[str]:
    """How to start `module`'s main(): `python -m module`, or in a PyInstaller bundle (where sys.executable is
    the app itself) the app with `frozen_flag`, which packaging/entry.py dispatches."""
    if getattr(sys, "frozen", False):
        return [sys.executable, frozen_flag]
    return [sys.executable, "-m", module]


def worker_env() -> dict[str, str]:
    """The parent's environment with the package's parent folder on PYTHONPATH (a source checkout works
    uninstalled) and unbuffered output."""
    env = dict(os.environ)
    package_parent = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH", "")) if p)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


class WorkerChild:
    """A running worker process; `messages` receives its messages, then None when its output closes."""

    def __init__(self, command: list[str], name: str) -> None:
        self.name = name
        self.proc = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=worker_env(), text=True, encoding="utf-8", bufsize=1,
        )
        self.messages: queue.Queue[Message | None] = queue.Queue()
        self.stderr_tail: deque[str] = deque(maxlen=40)
        threading.Thread(target=self._read_stdout, daemon=True, name=f"{name}-out").start()
        threading.Thread(target=self._read_stderr, daemon=True, name=f"{name}-err").start()

    def _read_stdout(self) -> None:
        assert self.proc.stdout is not None
        try:
            for line in self.proc.stdout:
                try:
                    tag, body = json.loads(line)
                except ValueError:
                    self.stderr_tail.append(line)
                    continue
                self.messages.put((str(tag), dict(body)))
        except (OSError, ValueError):
            pass
        self.messages.put(None)  # EOF: the child is gone (or going)

    def _read_stderr(self) -> None:  # always drained, so a chatty library can never fill the pipe and block
        assert self.proc.stderr is not None
        try:
            for line in self.proc.stderr:
                self.stderr_tail.append(line)
        except (OSError, ValueError):
            pass

    def send(self, tag: str, body: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps([tag, body]) + "\n")
        self.proc.stdin.flush()

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, graceful: bool) -> None:
        """Ask it to stop ("stop"), when `graceful`; then make sure: kill, wait, close the pipes."""
        if graceful and self.alive():
            try:
                self.send("stop", {})
                self.proc.wait(2.0)
            except (OSError, ValueError, subprocess.TimeoutExpired):
                pass
        if self.alive():
            self.proc.kill()
            try:
                self.proc.wait(2.0)
            except subprocess.TimeoutExpired:
                log.warning("%s process %s did not exit after kill", self.name, self.proc.pid)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                if stream is not None:
                    stream.close()
            except (OSError, ValueError):
                pass


def requests(receive: Receive) -> Iterator[Message]:
    """A worker's requests, one at a time, until "stop" or the parent goes away (EOF, a broken pipe); "crash"
    (tests) ends the process at once, as a native crash would, with no cleanup and no message."""
    while True:
        try:
            message = receive()
        except (EOFError, OSError, KeyboardInterrupt, ValueError):
            return
        if message is None or message[0] == "stop":
            return
        if message[0] == "crash":
            os._exit(int(message[1].get("code", 139)))
        yield message


def serve_stdio(serve: Callable[[Receive, Send], None]) -> None:
    """The child's main: `serve(receive, send)` over JSON lines on stdin and the original stdout."""
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8", buffering=1)
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # anything printed by a library goes to stderr

    def receive() -> Message | None:
        line = sys.stdin.readline()
        if not line:
            return None
        tag, body = json.loads(line)
        return str(tag), dict(body)

    def send(message: Message) -> None:
        channel.write(json.dumps(message) + "\n")
        channel.flush()

    try:
        serve(receive, send)
    finally:
        try:
            channel.close()
        except OSError:
            pass


class LazyWorker:
    """Owns one worker child: started on first use and again after it died, stopped by close(); subclasses say
    how to start it (`_command`) and serialise their requests on `_lock`."""

    name = "worker"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._child: WorkerChild | None = None
        self.starts = 0  # child processes started so far (tests: a model loads once, a crash restarts)

    def _command(self) -> list[str]:
        raise NotImplementedError

    @property
    def pid(self) -> int | None:
        child = self._child
        return child.proc.pid if child is not None and child.alive() else None

    def _ensure_started(self) -> WorkerChild:
        if self._child is not None and self._child.alive():
            return self._child
        self._discard()
        self._child = WorkerChild(self._command(), self.name)
        self.starts += 1
        log.info("%s started (pid %s)", self.name, self._child.proc.pid)
        return self._child

    def _discard(self, graceful: bool = False) -> None:
        child, self._child = self._child, None
        if child is not None:
            child.stop(graceful)

    def close(self) -> None:
        """Ask the child to stop, then make sure it did (Services.close)."""
        self._discard(graceful=True)
