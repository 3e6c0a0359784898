"""The on-screen text process: reads clips (PyAV sampling, RapidOCR, merging) away from the app's interpreter.

Started as `python -m studycompanion.core.screen.worker` (a frozen bundle: `<app> --screen-worker`) by
core/screen/process.py. Everything heavy runs here, not in the app: creating the ONNX Runtime sessions holds the
GIL for 80-120 ms and decoding and the change maps keep it busy too, which stalled the window while the step ran.
The models stay loaded between clips. Messages are JSON lines, `[tag, {...}]`, on stdin / stdout (see
protocol.py); anything a library prints goes to stderr so it cannot corrupt the channel.
"""

from __future__ import annotations

import os
import time
import traceback
from dataclasses import asdict
from typing import Any

from studycompanion.core.childproc import Receive, Send, requests

PROGRESS_STEP = 0.01  # progress is sent when it moved by at least this much (and at the end)
NICENESS = 5  # background work: when the cores are busy, the window (and transcription) get them first


class _Reader:
    """The engine this process keeps (built on the first read, rebuilt only when its settings change)."""

    def __init__(self) -> None:
        self.engine: Any = None  # studycompanion.core.screen.engine.OcrEngine

    def _engine(self, settings: Any) -> Any:
        from studycompanion.core.screen.engine import OcrEngine

        if self.engine is None or self.engine.settings != settings:
            self.engine = OcrEngine(settings)
        return self.engine

    def load(self, body: dict[str, Any]) -> None:
        from studycompanion.core.screen.protocol import ReadRequest

        self._engine(ReadRequest.from_message({"media": "", **body}).ocr).load()

    def read(self, send: Send, body: dict[str, Any]) -> None:
        from studycompanion.core.screen.protocol import ReadRequest, line_to_message
        from studycompanion.core.screen.reader import ReadStats, read_screen_text

        request = ReadRequest.from_message(body)
        cpu0 = time.process_time()
        engine = self._engine(request.ocr)
        sent = [-1.0]

        def progress(fraction: float) -> None:
            if fraction >= 1.0 or fraction - sent[0] >= PROGRESS_STEP:
                sent[0] = fraction
                send(("progress", {"fraction": fraction}))

        stats = ReadStats()
        lines = read_screen_text(request.media, engine, progress=progress, sampling=request.sampling,
                                 merging=request.merging, stats=stats)
        send(("done", {"lines": [line_to_message(line) for line in lines], "stats": asdict(stats),
                       "cpu": time.process_time() - cpu0}))


def serve(receive: Receive, send: Send) -> None:
    """The process's loop: one request at a time until "stop" or the parent goes away (None from receive)."""
    from studycompanion.core.errors import BadInput, UserError

    reader = _Reader()
    for tag, body in requests(receive):  # until "stop" or the parent goes away (core/childproc.py)
        if tag == "ping":
            send(("pong", {"pid": os.getpid(), "loaded": reader.engine is not None}))
            continue
        if tag == "load":  # warm up (the benchmark): build the engine and load its models now
            try:
                reader.load(body)
                send(("loaded", {"pid": os.getpid(), "cpu": time.process_time()}))
            except Exception as exc:  # noqa: BLE001 - reported, this process keeps serving
                send(("error", {"kind": "engine", "message": f"Could not load the on-screen text models: {exc}",
                                "detail": traceback.format_exc()}))
            continue
        if tag != "read":
            send(("error", {"kind": "internal", "message": f"unknown request {tag!r}", "detail": ""}))
            continue
        send(("started", {"pid": os.getpid()}))
        try:
            reader.read(send, body)
        except (BrokenPipeError, EOFError):
            return
        except BadInput as exc:
            send(("error", {"kind": "bad_input", "message": exc.message, "detail": exc.detail}))
        except UserError as exc:
            send(("error", {"kind": "user", "message": exc.message, "detail": exc.detail}))
        except Exception as exc:  # noqa: BLE001 - reported to the parent; this process keeps serving
            send(("error", {"kind": "engine", "message": f"Reading the on-screen text failed: {exc}",
                            "detail": traceback.format_exc()}))


def main() -> None:
    """Process entry point: JSON lines in on stdin, out on the original stdout (core/childproc.py), at a lower
    priority than the window."""
    from studycompanion.core.childproc import serve_stdio

    if hasattr(os, "nice"):  # POSIX; on Windows the process keeps the app's priority
        try:
            os.nice(NICENESS)
        except OSError:
            pass
    serve_stdio(serve)


if __name__ == "__main__":
    main()
