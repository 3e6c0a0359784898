"""The `studycompanion` command: the app with no arguments, headless sub-commands over the same services."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from studycompanion import __version__
from studycompanion.core.errors import UserError

if TYPE_CHECKING:
    from studycompanion.services import Services

log = logging.getLogger(__name__)


Handler = Callable[[argparse.Namespace, "Services"], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="studycompanion",
        description="Keep short medical videos, transcribe them offline and turn them into Anki cards.",
    )
    parser.add_argument("--version", action="version", version=f"StudyCompanion {__version__}")
    parser.add_argument("--home", metavar="DIR", default=None,
                        help="the library folder to use (the same as setting STUDYCOMPANION_HOME)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # one module per command group, each with register(subparsers); imported here, so a broken one fails loudly
    from studycompanion.cli import (
        capture_cmds,
        cards_cmds,
        doctor_cmds,
        fix_cmds,
        gui_cmds,
        interest_cmds,
        library_cmds,
        transcribe_cmds,
    )

    for module in (library_cmds, doctor_cmds, capture_cmds, transcribe_cmds, fix_cmds, cards_cmds, interest_cmds,
                   gui_cmds):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list == ["--version"]:  # answer at once: building the parser imports every command group
        print(f"StudyCompanion {__version__}")
        return 0
    parser = build_parser()
    if not args_list:
        args_list = ["gui"]
    args = parser.parse_args(args_list)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    services = None
    saved_home = _use_home(getattr(args, "home", None))
    streams = _safe_streams()
    try:
        from studycompanion.services import build_services

        if getattr(args, "needs_services", True):
            services = build_services()
            for notice in services.notices:  # read-only, or a repair made at this start: one line each
                print(f"note: {one_line(notice)}", file=sys.stderr)
        return handler(args, services)  # type: ignore[arg-type]
    except BrokenPipeError:  # `studycompanion list | head -1`: the reader left; that is no error
        _silence_stdout()
        return 0
    except UserError as exc:
        print(f"error: {one_line(exc.message)}", file=sys.stderr)
        if exc.detail:
            log.info("details: %s", exc.detail)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one readable line, the traceback in the log file
        log.exception("unexpected error")
        storage = _storage_message(exc)
        if storage is not None:  # sqlite's full / read-only / malformed outside a session: still one line
            print(f"error: {one_line(storage)}", file=sys.stderr)
            return 1
        print(f"error: unexpected {type(exc).__name__}: {one_line(str(exc))[:200]} (details in the log file)",
              file=sys.stderr)
        return 1
    finally:
        if services is not None:
            services.close()
        _restore_home(saved_home, getattr(args, "home", None))
        sys.stdout, sys.stderr = streams


def _safe_streams() -> tuple[object, object]:
    """Every printer's text passes cli.output.clean (no raw control characters reach the terminal)."""
    from studycompanion.cli.output import SafeStream

    saved = (sys.stdout, sys.stderr)
    sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    return saved


def one_line(text: str) -> str:
    """The first line of a message, without control characters (an error is one line on stderr)."""
    from studycompanion.cli.output import clean

    first = text.strip().splitlines()[0] if text.strip() else ""
    return clean(first)


def _storage_message(exc: BaseException) -> str | None:
    import sqlite3

    from studycompanion.core.db.engine import storage_error

    cause = getattr(exc, "orig", None) or exc
    if not isinstance(cause, sqlite3.Error | OSError):
        return None
    where = Path(getattr(cause, "filename", None) or "the library")
    return storage_error(cause, where).message


def _use_home(home: str | None) -> str | None:
    """`--home DIR`: the same as STUDYCOMPANION_HOME for this run; returns the value it replaced."""
    from studycompanion.paths import HOME_ENV

    previous = os.environ.get(HOME_ENV)
    if home:
        os.environ[HOME_ENV] = str(Path(home).expanduser().resolve())
    return previous


def _restore_home(previous: str | None, home: str | None) -> None:
    from studycompanion.paths import HOME_ENV

    if not home:
        return
    if previous is None:
        os.environ.pop(HOME_ENV, None)
    else:
        os.environ[HOME_ENV] = previous


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush cannot fail on the closed pipe again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout is not a real file (a test's capture)
        pass


def gui_main(argv: Sequence[str] | None = None) -> int:
    """`studycompanion-gui`: the app; with arguments, the same as `studycompanion gui ARGS`."""
    return main(["gui", *(sys.argv[1:] if argv is None else argv)])
