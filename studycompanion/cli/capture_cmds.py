"""Capture commands: `import` (TikTok data exports, lists of links) with bounded concurrent downloads."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from studycompanion.cli.output import ProgressPrinter, print_json
from studycompanion.core.capture.importers import read_import
from studycompanion.core.capture.queueing import queue_batch
from studycompanion.core.errors import BadInput
from studycompanion.core.types import JobState, JobStep
from studycompanion.services import Services


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import",
        help="import TikTok favourites (the 'Download your data' JSON, TXT or ZIP) or a text/CSV list of links",
        description="Dedupes against the library, records each new link as a queued clip, then downloads "
        "them (transcription and cards stay queued for the app or `jobs run`).",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--likes", action="store_true", help="import liked videos instead of favourites")
    p.add_argument("--queue-only", action="store_true", help="only record the clips; download them later")
    p.add_argument("--concurrency", type=int, default=None, metavar="N",
                   help="downloads at the same time (default: the setting, 2)")
    p.add_argument("--no-transcribe", action="store_true", help="do not queue transcription (implies --no-cards)")
    p.add_argument("--no-cards", action="store_true", help="do not queue card drafts")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_import)


def cmd_import(args: argparse.Namespace, services: Services) -> int:
    concurrency = args.concurrency if args.concurrency is not None else services.settings.download_concurrency
    if concurrency < 1:
        raise BadInput("--concurrency must be at least 1.")
    batch = read_import(Path(args.file).expanduser(), likes=args.likes)
    result = queue_batch(batch, services.library, services.pipeline,
                         transcribe=not args.no_transcribe, cards=not (args.no_cards or args.no_transcribe))
    out: dict[str, Any] = result.summary()
    out["queued_only"] = bool(args.queue_only)
    failed: list[dict[str, Any]] = []
    if not args.queue_only and result.jobs:
        printer = ProgressPrinter(quiet=args.json)
        services.pipeline.subscribe(printer)
        pipeline = services.pipeline
        saved = dict(pipeline.limits)
        # downloads only: the chained transcription / cards jobs stay queued for the app or `jobs run`
        pipeline.limits = {JobStep.CAPTURE: concurrency, JobStep.TRANSCRIBE: 0, JobStep.CARDS: 0}
        try:
            pipeline.run_pending(workers=concurrency)
        finally:
            pipeline.limits = saved
        mine = set(result.new)
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
        _print_text(out, batch_likes_hint=bool(result.skipped_likes and not batch.entries and not args.likes))
    return 1 if failed else 0


def _print_text(out: dict[str, Any], batch_likes_hint: bool) -> None:
    print(f"new: {out['new']}   already in the library: {out['existing']}   invalid: {out['invalid']}")
    for entry in out["invalid_entries"]:
        print(f"  invalid at {entry['position']}: {entry['raw'][:80]} ({entry['reason']})")
    if batch_likes_hint:
        print(f"  {out['skipped_likes']} liked videos were not imported: add --likes to import likes.")
    if out["queued_only"]:
        if out["new"]:
            print("queued: download them with `studycompanion jobs run` or from the app.")
        return
    if out["new"]:
        print(f"downloaded: {out['downloaded']} of {out['new']}")
    for item in out["failed"]:
        print(f"failed: clip {item['id']} {item['url']}: {item['error']}", file=sys.stderr)
