"""Capture commands: `import` (TikTok data exports, lists of links, `-` for standard input) with bounded downloads."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from studycompanion.cli.output import CountProgress, ProgressPrinter, print_json
from studycompanion.core.capture.importers import ParsedExport, choice_from_flags, read_export, read_export_bytes
from studycompanion.core.capture.queueing import queue_batch
from studycompanion.core.errors import BadInput
from studycompanion.core.types import JobState, JobStep
from studycompanion.services import Services


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import",
        help="import TikTok favourites and likes (the 'Download your data' JSON, TXT or ZIP) or a list of links",
        description="Dedupes against the library, records each new link as a queued clip, then downloads "
        "them (transcription and cards stay queued for the app or `jobs run`). Your own posts are never imported.",
    )
    p.add_argument("file", metavar="FILE", help="the export or list of links; - reads it from standard input")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--favourites", "--favorites", action="store_true",
                       help="import the favourites of a TikTok export (the default)")
    which.add_argument("--likes", action="store_true", help="import the liked videos instead of the favourites")
    which.add_argument("--both", action="store_true", help="import the favourites and the liked videos")
    p.add_argument("--inspect", action="store_true",
                   help="only count the favourites, likes, posts and links in the file; import nothing")
    p.add_argument("--queue-only", action="store_true", help="only record the clips; download them later")
    p.add_argument("--concurrency", type=int, default=None, metavar="N",
                   help="downloads at the same time (default: the setting, 2)")
    p.add_argument("--no-transcribe", action="store_true", help="do not queue transcription (implies --no-cards)")
    p.add_argument("--no-cards", action="store_true", help="do not queue card drafts")
    p.add_argument("--json", action="store_true", help="print the summary as JSON on standard output")
    p.set_defaults(handler=cmd_import)


def _read(file: str) -> ParsedExport:
    if file == "-":
        return read_export_bytes(sys.stdin.buffer.read(), "standard input")
    return read_export(Path(file).expanduser())


def cmd_import(args: argparse.Namespace, services: Services) -> int:
    concurrency = args.concurrency if args.concurrency is not None else services.settings.download_concurrency
    if concurrency < 1:
        raise BadInput("--concurrency must be at least 1.")
    parsed = _read(args.file)
    counts = parsed.counts()
    if args.inspect:
        if args.json:
            print_json(counts.as_dict())
        else:
            print(f"favourites: {counts.favourites}   likes: {counts.likes}   in both: {counts.in_both}   "
                  f"links: {counts.links}   your own posts (never imported): {counts.posts}   "
                  f"invalid: {counts.invalid}")
        return 0
    choice = choice_from_flags(likes=args.likes, favourites=args.favourites, both=args.both)
    batch = parsed.select(choice)
    counter = CountProgress("queued", quiet=args.json)
    result = queue_batch(batch, services.library, services.pipeline, transcribe=not args.no_transcribe,
                         cards=not (args.no_cards or args.no_transcribe), progress=counter)
    counter.done()
    out: dict[str, Any] = result.summary()
    out["choice"] = choice.value
    out["queued_only"] = bool(args.queue_only)
    failed: list[dict[str, Any]] = []
    if not args.queue_only and result.jobs:
        printer = ProgressPrinter(quiet=args.json)
        services.pipeline.subscribe(printer)
        pipeline = services.pipeline
        saved = dict(pipeline.limits)
        # downloads only: the chained transcription / cards jobs stay queued for the app or `jobs run`
        pipeline.limits = {JobStep.CAPTURE: concurrency, JobStep.TRANSCRIBE: 0, JobStep.CARDS: 0}
        mine = set(result.new)
        try:
            pipeline.run_pending(workers=concurrency, video_ids=mine)  # this import's clips, nothing else
        finally:
            pipeline.limits = saved
        for job in printer.finished.values():
            if job.video_id in mine and job.step == JobStep.CAPTURE and job.state == JobState.FAILED:
                video = services.library.get(job.video_id)
                failed.append({"id": job.video_id, "url": video.source_url, "error": job.error})
        done = [j for j in printer.finished.values()
                if j.video_id in mine and j.step == JobStep.CAPTURE and j.state == JobState.DONE]
        out["downloaded"] = len(done)
    else:
        out["downloaded"] = 0
    out["failed"] = sorted(failed, key=lambda f: f["id"])
    if args.json:
        print_json(out)
    else:
        _print_text(out)
    return 1 if failed else 0


def _print_text(out: dict[str, Any]) -> None:
    print(f"new: {out['new']}   already in the library: {out['existing']}   invalid: {out['invalid']}")
    for entry in out["invalid_entries"]:
        print(f"  invalid at {entry['position']}: {entry['raw'][:80]} ({entry['reason']})")
    if out["skipped_likes"]:
        print(f"  {out['skipped_likes']} liked videos were not imported: add --likes or --both to import them.")
    if out["skipped_favourites"]:
        print(f"  {out['skipped_favourites']} favourites were not imported: add --favourites or --both.")
    if out["skipped_posts"]:
        print(f"  {out['skipped_posts']} of your own posts were skipped: posts are not favourites.")
    if out["unlabelled"]:
        print(f"  {out['unlabelled']} links come from a list the export does not name (favourites or likes?): "
              "imported as plain links, not marked as favourites.")
    if out["in_both"]:
        print(f"  {out['in_both']} clips are both liked and favourited: imported once, as favourites.")
    if out["queued_only"]:
        if out["new"]:
            print("queued: download them with `studycompanion jobs run` or from the app.")
        return
    if out["new"]:
        print(f"downloaded: {out['downloaded']} of {out['new']}")
    for item in out["failed"]:
        print(f"failed: clip {item['id']} {item['url']}: {item['error']}", file=sys.stderr)
