"""Cards: key-fact recall / precision on the evaluation set, and exporting 5,000 cards with media to .apkg.

Usage: python bench/cards.py [--cards 5000] [--per-clip 5] [--runs 3] [--import-check] [--json out.json]

Usage: python bench/cards.py --eval-only [--no-test-split] [--clip-rows] [--held-out]   (key points only)

Part 1 runs the built-in extractor on the parts of tests/data/keypoints_eval and prints one table:
the tuning part (the clips the rules were developed on), the dev part (tests/data/keypoints_eval/test: the
first test part, which steered the rules through its totals and is development data now) and, with
--held-out, the later parts (tests/data/keypoints_eval/test2 .. test5, each written by someone who saw neither the
rules nor the other parts). test2, test3 and test4 were read while rules were made and are development data now;
test5, written blind while the rules of 2026-12-02 were made, holds the held-out figures: only its aggregate
figures are ever printed, never a clip of it.
recall = annotated key facts found in some key point; recall(heard) = the same over facts whose terms whisper
heard right (their accepted spelling is in the transcript); precision = key points that carry a key fact;
key points from filler are counted separately (the target there is zero). Per-clip rows (--clip-rows) are
for the tuning and dev parts only, never test2 or test3.

Part 2 builds a library of N cards (N / per-clip clips) directly in the database, each card with its own
480x853 JPEG frame (~57 KB, like a phone video frame) and an 8 s mono mp3 at 64 kbit/s (~64 KB), then
times `export_deck` (load cards and clips, hash media names, genanki collection, zip) - the same call
as `studycompanion export`. A second export of the unchanged library is timed too. Target: <= 10 s.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image
from sqlalchemy import update

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studycompanion.core import media  # noqa: E402
from studycompanion.core.anki.export import export_deck  # noqa: E402
from studycompanion.core.cards.drafts import ClipInfo, draft_cards  # noqa: E402
from studycompanion.core.cards.keypoints import extract_keypoints  # noqa: E402
from studycompanion.core.cards.store import CardStore  # noqa: E402
from studycompanion.core.db.tables import Card, Tag, Video, VideoTag  # noqa: E402
from studycompanion.core.types import CardState, VideoStatus  # noqa: E402
from studycompanion.paths import app_paths  # noqa: E402
from studycompanion.services import build_services  # noqa: E402
from tests.data.keypoints_eval import evalset  # noqa: E402
from tests.mediagen import make_mp4  # noqa: E402


def _run_split(folder: Path) -> tuple[list[evalset.EvalClip], list[evalset.ClipScore], float]:
    clips = evalset.load(folder)
    scores = []
    t0 = time.perf_counter()
    for clip in clips:
        scores.append(evalset.score(clip, extract_keypoints(clip.segments)))
    return clips, scores, time.perf_counter() - t0


def eval_table(test_split: bool = True, per_clip: bool = False, held_out: bool = False) -> dict[str, Any]:
    """Recall / precision / filler for the tuning and dev parts and (aggregate only) the held-out test2 and test3
    parts."""
    splits = [("tuning", evalset.HERE)]
    if test_split and evalset.DEV_DIR.is_dir():
        splits.append(("dev", evalset.DEV_DIR))
    for label, folder in (("test2", evalset.TEST2_DIR), ("test3", evalset.TEST3_DIR), ("test4", evalset.TEST4_DIR),
                          ("test5", evalset.TEST5_DIR)):
        if held_out and folder.is_dir() and any(folder.glob("*.txt")):
            splits.append((label, folder))
    figures: dict[str, Any] = {}
    results = []
    for label, folder in splits:
        clips, scores, elapsed = _run_split(folder)
        if per_clip and label not in ("test2", "test3", "test4", "test5"):  # never per clip for a held-out part
            print(f"{'clip':32} {'sec':>5} {'facts':>7} {'key pts':>8} {'filler':>6}")
            for clip, s in zip(clips, scores, strict=True):
                print(
                    f"{clip.name:32} {clip.duration:5.0f} {s.facts_hit:>3}/{s.facts:<3} "
                    f"{s.keypoints_hit:>4}/{s.keypoints:<3} {len(s.from_filler):>6}"
                )
        t = evalset.totals(clips, scores)
        results.append((label, t))
        figures[label] = {**asdict(t), "extract_ms_per_clip": 1000 * elapsed / max(len(clips), 1)}
    print(
        f"{'split':7} {'clips':>5} {'facts':>5} {'heard':>5} {'recall':>7} {'recall(heard)':>13} "
        f"{'precision':>9} {'prec(on K)':>10} {'key pts':>7} {'from filler':>11} {'no-fact clips w/ pts':>20}"
    )
    for label, t in results:
        print(
            f"{label:7} {t.clips:>5} {t.facts:>5} {t.heard:>5} {t.recall:>7.3f} {t.heard_recall:>13.3f} "
            f"{t.precision:>9.3f} {t.precision_on_k:>10.3f} {t.keypoints:>7} {t.from_filler:>11} "
            f"{f'{t.empty_clips_with_points}/{t.empty_clips}':>20}"
        )
    print(
        "recall = annotated facts found in a key point; recall(heard) = the same over facts whose accepted "
        "spelling is in the transcript (whisper did not mishear them); precision = key points carrying an "
        "annotated fact; prec(on K) = key points on a fact sentence. Targets (held-out test5, the freshest): "
        "recall >= 0.85, precision >= 0.90."
    )
    return figures


def _frame_bytes(seed: int) -> bytes:
    rng = np.random.default_rng(seed)
    h, w = 853, 480
    y, x = np.mgrid[0:h, 0:w]
    img = np.stack([x * 255 / w, y * 255 / h, (x + y) % 256], -1).astype(np.float32)
    for _ in range(40):
        x0, y0 = rng.integers(0, w - 60), rng.integers(0, h - 60)
        img[y0 : y0 + rng.integers(20, 120), x0 : x0 + rng.integers(20, 200)] = rng.integers(0, 255, 3)
    img += rng.normal(0, 6, img.shape)
    buf = io.BytesIO()
    Image.fromarray(np.clip(img, 0, 255).astype(np.uint8)).save(buf, "JPEG", quality=80)
    return buf.getvalue()


def _unique_jpeg(base: bytes, i: int) -> bytes:
    """The same picture with a distinct JPEG comment (a distinct file, as every card's frame is)."""
    comment = f"studycompanion bench frame {i}".encode()
    return base[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + base[2:]


def _unique_mp3(base: bytes, i: int) -> bytes:
    """The same audio with a distinct ID3v1 tag at the end."""
    title = f"card {i}".encode().ljust(30, b"\0")
    return base + b"TAG" + title + b"\0" * 95


def build_library(root: Path, n_cards: int, per_clip: int) -> tuple[Any, CardStore, dict[str, float]]:
    services = build_services(app_paths(root / "home"))
    work = root / "src"
    work.mkdir()
    t0 = time.perf_counter()
    mp4 = make_mp4(work / "speech.mp4", seconds=9, width=160, height=120, fps=5)
    mp3_bytes = media.audio_clip(mp4, 0.3, 8.0 - 0.3, work / "base.mp3").read_bytes()  # 8 s with the padding
    frames = [_frame_bytes(s) for s in range(8)]
    clips = evalset.load()
    drafts = []
    for clip in clips:
        drafts.extend(draft_cards(extract_keypoints(clip.segments), ClipInfo(key=clip.name)))
    n_clips = -(-n_cards // per_clip)
    made = 0
    with services.db.session() as s:
        tags = [Tag(name=n) for n in ("Cardio::Murmurs", "Renal", "Endo::Thyroid", "Pharm", "ID", "Neuro")]
        s.add_all(tags)
        s.flush()
        for c in range(n_clips):
            clip = clips[c % len(clips)]
            video = Video(
                platform="tiktok",
                platform_id=f"72{c:08d}",
                source_url=f"https://www.tiktok.com/@doc/video/72{c:08d}",
                title=clip.title,
                creator_handle=clip.creator.lstrip("@"),
                caption=f"{clip.title} #medschool",
                status=VideoStatus.CARDS,
                duration=clip.duration,
            )
            s.add(video)
            s.flush()
            assert video.id is not None
            s.add(VideoTag(video_id=video.id, tag_id=tags[c % len(tags)].id))
            folder = services.paths.media / str(video.id) / "cards"
            folder.mkdir(parents=True)
            for k in range(per_clip):
                if made >= n_cards:
                    break
                d = drafts[made % len(drafts)]
                jpg = _unique_jpeg(frames[made % len(frames)], made)
                mp3 = _unique_mp3(mp3_bytes, made)
                frame_name = (
                    f"k{k}-{hashlib.sha1(jpg).hexdigest()[:20]}.jpg"  # named as the cards step names them
                )
                audio_name = f"k{k}-{hashlib.sha1(mp3).hexdigest()[:20]}.mp3"
                (folder / frame_name).write_bytes(jpg)
                (folder / audio_name).write_bytes(mp3)
                s.add(
                    Card(
                        video_id=video.id,
                        keypoint_key=f"k{k}",
                        kind=d.kind,
                        front=d.front,
                        back=d.back,
                        extra=d.extra,
                        source=d.source,
                        start=d.start,
                        end=d.end,
                        guid=f"bench{made:08d}",
                        frame_file=f"{video.id}/cards/{frame_name}",
                        audio_file=f"{video.id}/cards/{audio_name}",
                    )
                )
                made += 1
    sizes = {
        "frame_kb": statistics.mean(len(f) for f in frames) / 1e3,
        "mp3_kb": len(mp3_bytes) / 1e3,
        "setup_s": time.perf_counter() - t0,
    }
    return services, CardStore(services.db), sizes


def export_bench(n_cards: int, per_clip: int, runs: int, import_check: bool) -> dict[str, Any]:
    root = Path(tempfile.mkdtemp(prefix="sc-bench-cards-"))
    try:
        services, store, sizes = build_library(root, n_cards, per_clip)
        print(
            f"library: {n_cards} cards in {-(-n_cards // per_clip)} clips, "
            f"frame ~{sizes['frame_kb']:.0f} KB, "
            f"mp3 ~{sizes['mp3_kb']:.0f} KB (setup {sizes['setup_s']:.0f} s, not timed)"
        )
        times, again = [], []
        result = None
        for i in range(runs):
            with services.db.session() as s:  # every run starts from accepted, never-exported cards
                s.execute(
                    update(Card).values(anki_mod=0, anki_hash="", exported_at=None, state=CardState.ACCEPTED)
                )
            out = root / f"deck{i}.apkg"
            t0 = time.perf_counter()
            result = export_deck(store, services.library, out, creators=services.creators)
            times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            export_deck(store, services.library, root / f"again{i}.apkg", creators=services.creators)
            again.append(time.perf_counter() - t0)
            (root / f"again{i}.apkg").unlink()
            if i < runs - 1:
                out.unlink()
        assert result is not None
        print(f"{'':24} {'median':>8} {'min':>8} {'max':>8}")
        print(f"{'export (first)':24} {statistics.median(times):7.2f}s {min(times):7.2f}s {max(times):7.2f}s")
        med, lo, hi = statistics.median(again), min(again), max(again)
        print(f"{'export (unchanged)':24} {med:7.2f}s {lo:7.2f}s {hi:7.2f}s")
        print(
            f"package: {result.notes} notes, {result.cards} Anki cards, {result.media} media files, "
            f"{result.size / 1e6:.0f} MB; target <= 10 s: "
            f"{'met' if statistics.median(times) <= 10 else 'MISSED'}"
        )
        figures: dict[str, Any] = {
            "cards": n_cards,
            "export_s_median": statistics.median(times),
            "export_s_all": times,
            "reexport_s_median": statistics.median(again),
            "package_mb": result.size / 1e6,
            "notes": result.notes,
            "anki_cards": result.cards,
            "media_files": result.media,
            **sizes,
        }
        if import_check:
            from tests.cards_fixtures import import_apkg, new_collection

            col = new_collection(root / "anki")
            t0 = time.perf_counter()
            log = import_apkg(col, result.path).log
            figures["anki_import_s"] = time.perf_counter() - t0
            figures["anki_import_new"] = len(log.new)
            print(f"real Anki import: {len(log.new)} new notes in {figures['anki_import_s']:.1f} s")
            col.close()
        services.close()
        return figures
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=5000)
    parser.add_argument("--per-clip", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--import-check", action="store_true", help="also import the package into a real Anki"
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--eval-only", action="store_true", help="only the key-point figures, no export timing")
    parser.add_argument("--no-test-split", action="store_true", help="leave the dev part out")
    parser.add_argument(
        "--held-out", action="store_true", help="add the parts test2 .. test5 (test5 held out: aggregates only)"
    )
    parser.add_argument(
        "--clip-rows", dest="per_clip_rows", action="store_true", help="tuning and dev parts, per clip"
    )
    args = parser.parse_args()
    print("-- key points on the evaluation set (tuning, dev, and the held-out test2 / test3 parts when present) --")
    figures: dict[str, Any] = {"eval": eval_table(not args.no_test_split, args.per_clip_rows, args.held_out)}
    if not args.eval_only:
        print(f"\n-- export of {args.cards} cards with media --")
        figures["export"] = export_bench(args.cards, args.per_clip, args.runs, args.import_check)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
