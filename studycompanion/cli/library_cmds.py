"""Library commands: add, list, show, search, tag, untag, delete, jobs (doctor is in doctor_cmds.py)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from studycompanion.cli.output import (
    ProgressPrinter,
    fmt_seconds,
    job_dict,
    print_json,
    print_table,
    video_dict,
)
from studycompanion.core.errors import BadInput, UserError
from studycompanion.core.types import JobState, VideoStatus
from studycompanion.services import Services

URL_RE = re.compile(r"^(https?://|www\.)|^[\w.-]+\.(com|be|net|org|tv)/", re.IGNORECASE)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("add", help="add local video files or links to the library")
    p.add_argument("sources", nargs="+", metavar="PATH_OR_URL",
                   help="local video files or links (TikTok, YouTube, Instagram, a page with a video)")
    p.add_argument("--no-transcribe", action="store_true", help="do not transcribe (implies --no-cards)")
    p.add_argument("--no-cards", action="store_true", help="do not make card drafts")
    p.add_argument("--tag", action="append", default=[], metavar="TAG", help="tag the new clips (repeatable)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_add)

    p = sub.add_parser("demo", help="add the shipped demo clip and run it through the whole pipeline offline")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("list", help="list the clips in the library")
    p.add_argument("--tag", help="only clips with this tag (or a tag below it)")
    p.add_argument("--favourites", action="store_true", help="only favourite clips")
    p.add_argument("--status", choices=[s.value for s in VideoStatus], help="only clips in this state")
    p.add_argument("--limit", type=int, help="at most this many clips")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", help="show one clip: metadata, tags, transcript, key points")
    p.add_argument("id", type=int, help="the clip's id (see `list`)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("search", help="full-text search over titles, captions, transcripts and notes")
    p.add_argument("query", nargs="+", help="the words to look for")
    p.add_argument("--limit", type=int, default=20, help="at most this many results (default 20)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_search)

    for name, func, text in (("tag", cmd_tag, "add tags to a clip"), ("untag", cmd_untag, "remove tags from a clip")):
        p = sub.add_parser(name, help=text)
        p.add_argument("id", type=int, help="the clip's id (see `list`)")
        p.add_argument("tags", nargs="+", metavar="TAG", help="tags; hierarchical ones as Parent::Child")
        p.set_defaults(handler=func)

    p = sub.add_parser("rename-tag", help="rename a tag and its children (merges into an existing tag)")
    p.add_argument("old", help="the tag to rename")
    p.add_argument("new", help="its new name (an existing tag is merged into)")
    p.set_defaults(handler=cmd_rename_tag)

    p = sub.add_parser("favourite", help="mark or unmark a clip as a favourite")
    p.add_argument("id", type=int, help="the clip's id (see `list`)")
    p.add_argument("--off", action="store_true", help="unmark the clip instead")
    p.set_defaults(handler=cmd_favourite)

    p = sub.add_parser("delete", help="delete a clip, its files and its cards")
    p.add_argument("id", type=int, help="the clip's id (see `list`)")
    p.set_defaults(handler=cmd_delete)

    p = sub.add_parser("jobs", help="list jobs; run, cancel or retry them")
    p.add_argument("action", nargs="?", choices=["list", "run", "cancel", "retry"], default="list",
                   help="list (default), run the queued jobs, cancel or retry one")
    p.add_argument("job_id", nargs="?", type=int, help="the job for cancel and retry (see `jobs`)")
    p.add_argument("--all", action="store_true", help="list finished jobs too")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_jobs)


def looks_like_url(text: str) -> bool:
    return bool(URL_RE.match(text.strip())) and not Path(text).exists()


def _queue_url(services: Services, url: str, args: argparse.Namespace) -> tuple[int, bool, list[int]]:
    from studycompanion.core.capture import download as capture  # the capture step (issue 3)

    ref = capture.normalise(url)
    video, created = services.library.create_queued(ref.platform, ref.platform_id, ref.url, tags=args.tag)
    assert video.id is not None
    jobs: list[int] = []
    if created:
        jobs.append(services.pipeline.queue_capture(
            video, transcribe=not args.no_transcribe, cards=not (args.no_cards or args.no_transcribe),
            discard_on_failure=True,
        ))
    return video.id, created, jobs


def cmd_add(args: argparse.Namespace, services: Services) -> int:
    printer = ProgressPrinter(quiet=args.json)
    services.pipeline.subscribe(printer)
    results: list[dict[str, Any]] = []
    for source in args.sources:
        entry: dict[str, Any] = {"source": source, "id": None, "created": False, "error": None}
        try:
            if looks_like_url(source):
                entry["id"], entry["created"], entry["jobs"] = _queue_url(services, source, args)
            else:
                outcome = services.pipeline.add_file(
                    Path(source), transcribe=not args.no_transcribe,
                    cards=not (args.no_cards or args.no_transcribe), tags=args.tag,
                )
                assert outcome.video is not None
                entry["id"], entry["created"], entry["jobs"] = outcome.video.id, outcome.created, outcome.jobs
                if not outcome.created:  # an existing clip: what was resumed, or what runs elsewhere
                    entry["resumed"] = [s.value for s in outcome.resumed]
                    entry["in_progress"] = [s.value for s in outcome.in_progress]
        except UserError as exc:
            entry["error"] = exc.message
        results.append(entry)
    mine = {int(e["id"]) for e in results if e["id"] is not None}  # its own clips; `jobs run` runs the rest
    services.pipeline.run_pending(workers=max(1, services.settings.download_concurrency), video_ids=mine)
    for entry in results:
        failed = [j for j in printer.finished.values() if j.video_id == entry["id"] and j.state == JobState.FAILED]
        if not failed or entry["error"]:
            continue
        if entry["created"] and not _exists(services, entry["id"]):  # a failed capture discards its clip
            entry["error"], entry["id"] = failed[0].error, None
        else:
            entry["warning"] = "; ".join(f"{j.step.value}: {j.error}" for j in failed)
    if args.json:
        print_json(results)
    else:
        for entry in results:
            if entry["error"]:
                print(f"error: {entry['source']}: {entry['error']}", file=sys.stderr)
            else:
                word = "added" if entry["created"] else "already in the library"
                if entry.get("resumed"):
                    word += f"; resumed: {', '.join(entry['resumed'])}"
                elif entry.get("in_progress"):
                    word += f"; in progress: {', '.join(entry['in_progress'])}"
                print(f"{entry['id']}\t{word}\t{entry['source']}")
                if entry.get("warning"):
                    print(f"warning: clip {entry['id']}: {entry['warning']}", file=sys.stderr)
    return 1 if any(e["error"] for e in results) else 0


def cmd_demo(args: argparse.Namespace, services: Services) -> int:
    from studycompanion.core.library.demo import find_demo

    demo = find_demo()
    if demo is None:
        raise BadInput("The demo clip is not installed (resources/demo/demo.mp4 is missing).")
    printer = ProgressPrinter(quiet=args.json)
    services.pipeline.subscribe(printer)
    outcome = services.pipeline.add_file(demo.media, tags=demo.tags, metadata=demo.metadata())
    services.pipeline.run_pending()
    assert outcome.video is not None
    failed = [j for j in printer.finished.values() if j.state == JobState.FAILED]
    if args.json:
        print_json({"id": outcome.video.id, "created": outcome.created, "errors": [j.error for j in failed]})
    else:
        word = "added" if outcome.created else "already in the library"
        print(f"{outcome.video.id}\t{word}\t{demo.title}")
        for job in failed:
            print(f"error: {job.step.value}: {job.error}", file=sys.stderr)
    return 1 if failed else 0


def _exists(services: Services, video_id: int) -> bool:
    try:
        services.library.get(video_id)
    except UserError:
        return False
    return True


def cmd_list(args: argparse.Namespace, services: Services) -> int:
    videos = services.library.list_videos(
        tag=args.tag, favourite=True if args.favourites else None,
        status=VideoStatus(args.status) if args.status else None, limit=args.limit,
    )
    tags = services.library.tags.tags_for_many([v.id for v in videos if v.id is not None])
    if args.json:
        print_json([video_dict(v, tags.get(v.id or 0, [])) for v in videos])
        return 0
    rows = [[str(v.id), v.status.value, fmt_seconds(v.duration), v.title[:50], v.creator_handle,
             ", ".join(tags.get(v.id or 0, []))] for v in videos]
    print_table(rows, ["ID", "STATUS", "LEN", "TITLE", "CREATOR", "TAGS"])
    return 0


def cmd_show(args: argparse.Namespace, services: Services) -> int:
    lib = services.library
    video = lib.get(args.id)
    data = video_dict(video, lib.tags.tags_for(args.id))
    data["media_path"] = str(lib.media_path(video)) if video.media_file else None
    data["transcript"] = [
        {"start": s.start, "end": s.end, "text": s.text,
         "words": [{"start": w.start, "end": w.end, "text": w.text.strip(), "probability": round(w.probability, 4),
                    **({"corrected_from": w.corrected_from} if w.corrected_from else {})} for w in s.words]}
        for s in lib.transcript(args.id)
    ]
    data["screen_lines"] = [
        {"start": ln.start, "end": ln.end, "text": ln.text, "confidence": round(ln.confidence, 4),
         "box": {"x0": ln.box.x0, "y0": ln.box.y0, "x1": ln.box.x1, "y1": ln.box.y1}}
        for ln in services.screen_text.lines(args.id)
    ]
    data["keypoints"] = [
        {"start": k.start, "end": k.end, "text": k.text, "score": k.score} for k in lib.keypoints(args.id)
    ]
    data["jobs"] = [job_dict(j) for j in services.jobs.list_jobs(video_id=args.id)]
    extra = _show_extras(services, args.id)
    data.update(extra)
    if args.json:
        print_json(data)
        return 0
    print(f"#{video.id} {video.title}")
    print(f"  creator:  {video.creator_name or video.creator_handle or '-'}  ({video.platform})")
    print(f"  source:   {video.source_url}")
    why = f" ({video.error})" if video.error else ""  # a failure, or why nothing came out ("No speech found")
    print(f"  length:   {fmt_seconds(video.duration)}   status: {video.status.value}{why}")
    print(f"  tags:     {', '.join(data['tags']) or '-'}")
    if video.caption:
        print(f"  caption:  {video.caption}")
    if video.notes:
        print(f"  notes:    {video.notes}")
    if data["transcript"]:
        print("transcript:")
        for seg in data["transcript"]:
            print(f"  [{fmt_seconds(seg['start'])}] {seg['text']}")
    if data["screen_lines"]:
        print("on screen:")
        for line in data["screen_lines"]:
            print(f"  [{fmt_seconds(line['start'])}-{fmt_seconds(line['end'])}] {line['text']}")
    if data["keypoints"]:
        print("key points:")
        for kp in data["keypoints"]:
            print(f"  [{fmt_seconds(kp['start'])}] {kp['text']}")
    for card in extra.get("cards", []):
        print(f"  card {card.get('id')} ({card.get('kind')}, {card.get('state')}): {card.get('front', '')[:80]}")
    return 0


def _show_extras(services: Services, video_id: int) -> dict[str, Any]:
    """Sections other command groups add to `show` (cards, interests)."""
    from studycompanion.cli.cards_cmds import show_extras as card_extras
    from studycompanion.cli.interest_cmds import show_extras as interest_extras

    return {**card_extras(services, video_id), **interest_extras(services, video_id)}


def cmd_search(args: argparse.Namespace, services: Services) -> int:

    query = " ".join(args.query)
    hits = services.library.search(query, limit=args.limit)
    if not services.read_only:
        try:
            services.interests.record_search(query)  # a local interest signal; never leaves the machine
        except UserError:  # a full disk or a vanished folder: the search still answers
            pass
    if args.json:
        print_json([{"id": h.video_id, "title": h.title, "field": h.field, "snippet": h.snippet,
                     "seconds": h.seconds, "score": h.score} for h in hits])
        return 0
    if not hits:
        print("no matches")
    for h in hits:
        at = f" @{fmt_seconds(h.seconds)}" if h.seconds is not None else ""
        print(f"{h.video_id}\t{h.title[:40]}\t{h.field}{at}\t{h.snippet}")
    return 0


def cmd_tag(args: argparse.Namespace, services: Services) -> int:
    services.library.tags.tag(args.id, args.tags)
    print(", ".join(services.library.tags.tags_for(args.id)))
    return 0


def cmd_untag(args: argparse.Namespace, services: Services) -> int:
    removed = services.library.tags.untag(args.id, args.tags)
    if not removed:
        raise BadInput(f"Clip {args.id} has none of those tags.")
    print(", ".join(services.library.tags.tags_for(args.id)) or "(no tags)")
    return 0


def cmd_rename_tag(args: argparse.Namespace, services: Services) -> int:
    count = services.library.tags.rename_tag(args.old, args.new)
    print(f"renamed {count} tag(s)")
    return 0


def cmd_favourite(args: argparse.Namespace, services: Services) -> int:
    video = services.library.set_favourite(args.id, not args.off)
    print(f"{video.id}\t{'favourite' if video.favourite else 'not a favourite'}")
    return 0


def cmd_delete(args: argparse.Namespace, services: Services) -> int:
    services.clip_actions.delete([args.id])  # its running jobs stop first, as in the app
    print(f"deleted {args.id}")
    return 0


def cmd_jobs(args: argparse.Namespace, services: Services) -> int:
    pipeline = services.pipeline
    if args.action in ("cancel", "retry"):
        if args.job_id is None:
            raise BadInput(f"jobs {args.action} needs a job id.")
        job = pipeline.cancel(args.job_id) if args.action == "cancel" else pipeline.retry(args.job_id)
        print(f"job {job.id}: {job.state.value}")
        if args.action == "cancel":
            return 0
    if args.action in ("run", "retry"):
        services.jobs.recover_interrupted()
        printer = ProgressPrinter(quiet=args.json)
        pipeline.subscribe(printer)
        pipeline.run_pending()
        failed = [j for j in printer.finished.values() if j.state == JobState.FAILED]
        return 1 if failed else 0
    states = None if args.all else [JobState.QUEUED, JobState.RUNNING, JobState.FAILED]
    jobs = services.jobs.list_jobs(states=states)
    if args.json:
        print_json([job_dict(j) for j in jobs])
        return 0
    def note(j: Any) -> str:  # a running job names the process that holds its lease
        text = j.error or j.message
        return (f"[pid {j.owner_pid}] {text}" if j.state == JobState.RUNNING and j.owner_pid else text)[:60]

    print_table([[str(j.id), str(j.video_id or "-"), j.step.value, j.state.value, f"{j.progress * 100:.0f}%",
                  note(j)] for j in jobs], ["JOB", "CLIP", "STEP", "STATE", "DONE", "MESSAGE"])
    return 0
