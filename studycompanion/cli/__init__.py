"""The `studycompanion` command: the app with no arguments, headless sub-commands over the same services."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
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
        fix_cmds,
        gui_cmds,
        interest_cmds,
        library_cmds,
        transcribe_cmds,
    )

    for module in (library_cmds, capture_cmds, transcribe_cmds, fix_cmds, cards_cmds, interest_cmds, gui_cmds):
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
    try:
        from studycompanion.services import build_services

        if getattr(args, "needs_services", True):
            services = build_services()
        return handler(args, services)  # type: ignore[arg-type]
    except UserError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        if exc.detail:
            log.info("details: %s", exc.detail)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one readable line, the traceback in the log file
        log.exception("unexpected error")
        print(f"error: unexpected {type(exc).__name__}: {exc} (details in the log file)", file=sys.stderr)
        return 1
    finally:
        if services is not None:
            services.close()


def gui_main(argv: Sequence[str] | None = None) -> int:
    """`studycompanion-gui`: the app; with arguments, the same as `studycompanion gui ARGS`."""
    return main(["gui", *(sys.argv[1:] if argv is None else argv)])
