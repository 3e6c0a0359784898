"""The `fix` command: correct a word in a clip's transcript (or everywhere), list fixes, undo one."""

from __future__ import annotations

import argparse

from studycompanion.cli.output import print_json, print_table
from studycompanion.core.errors import BadInput
from studycompanion.services import Services


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "fix", help="correct a misheard word in a transcript; it flows to key points, drafts and search",
        description="studycompanion fix ID WRONG RIGHT [--everywhere] | fix --list [ID] | fix --undo FIX_ID")
    p.add_argument("words", nargs="*", metavar="ID WRONG RIGHT",
                   help="the clip, the words as transcribed (quote several words) and the right words")
    p.add_argument("--everywhere", action="store_true", help="fix every clip whose transcript has the same error")
    p.add_argument("--list", action="store_true", help="list the active fixes (of clip ID when given)")
    p.add_argument("--undo", type=int, metavar="FIX_ID", help="undo a fix (rows edited since are kept)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_fix)


def cmd_fix(args: argparse.Namespace, services: Services) -> int:
    fixes = services.fixes
    if args.undo is not None:
        result = fixes.undo(args.undo)
        if args.json:
            print_json(result.__dict__)
        else:
            print(f"undone fix {args.undo}: {result.summary()}" + (f"; {result.kept} changed since, kept" if
                                                                      result.kept else ""))
        return 0
    if args.list:
        clip = int(args.words[0]) if args.words else None
        rows = fixes.list(clip)
        if args.json:
            print_json([{"id": f.id, "clip": f.video_id, "wrong": f.wrong, "right": f.right,
                         "everywhere": f.everywhere, "changes": len(f.changes), "created_at": f.created_at}
                        for f in rows])
        else:
            print_table([[str(f.id), str(f.video_id or ""), f.wrong, f.right, "yes" if f.everywhere else ""]
                         for f in rows], ["fix", "clip", "wrong", "right", "everywhere"])
        return 0
    if len(args.words) != 3:
        raise BadInput("Usage: studycompanion fix ID WRONG RIGHT [--everywhere] (quote words with spaces).")
    try:
        video_id = int(args.words[0])
    except ValueError as exc:
        raise BadInput(f"{args.words[0]!r} is not a clip id.") from exc
    services.library.get(video_id)  # a missing clip says so before anything changes
    result = fixes.apply(video_id, args.words[1], args.words[2], everywhere=args.everywhere)
    if args.json:
        print_json(result.__dict__)
    else:
        print(f"fix {result.fix_id}: {result.summary()} (undo: studycompanion fix --undo {result.fix_id})")
    return 0
