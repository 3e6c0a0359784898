"""The `gui` command: open the desktop app, or save a screenshot of one of its views and exit."""

from __future__ import annotations

import argparse
from pathlib import Path

VIEWS = ("library", "clip", "jobs", "foryou")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("gui", help="open the desktop app (the default with no command)")
    p.add_argument("--screenshot", type=Path, metavar="PATH",
                   help="open the view, wait until it has painted, save a PNG (1280x800) and exit")
    p.add_argument("--view", choices=VIEWS, default="library", help="the view to open (default: library)")
    p.add_argument("--size", type=_size, default=None, metavar="WxH",
                   help="the window size of a --screenshot (default 1280x800; 1024x640 for a small window)")
    p.add_argument("paths", nargs="*", metavar="FILE_OR_LINK",
                   help="video files or links to add (what the desktop's 'Open with' passes; issue 17)")
    p.set_defaults(handler=cmd_gui, needs_services=False)  # the app builds its own services


def cmd_gui(args: argparse.Namespace, _services: object) -> int:
    from studycompanion.app import run_gui  # Qt is imported only for this command

    return run_gui(screenshot=args.screenshot, view=args.view, size=args.size,
                   paths=args.paths)  # --home is already in STUDYCOMPANION_HOME


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1024x640") from None
    if w < 320 or h < 240:
        raise argparse.ArgumentTypeError("a window needs at least 320x240")
    return w, h
