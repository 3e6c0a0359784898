"""Keep resources/screenshots/ current: build a sample library offline, then run `gui --screenshot` per view.

    .venv/bin/python tools/screenshots.py [--home DIR] [--out resources/screenshots] [--reuse] [--clips N]

Each view is saved at 1280x800 (`library.png`) and as the small window, 1024x640 (`library-1024.png`).

The sample library is made here, without the network: spoken slides (espeak-ng over a title card, like the
short videos students save) for the annotated scripts in tests/data/keypoints_eval, attached as captured
TikTok clips and run through the real transcription and cards steps; then a few jobs are left in telling
states (one downloading, one failed with its error, one waiting) for the Jobs view.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VIEWS = ("library", "clip", "jobs", "foryou")
SCRIPTS = ROOT / "tests" / "data" / "keypoints_eval"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
HASHTAGS = {
    "loop": ["pharmacology", "nephrology"], "beta": ["pharmacology", "cardiology"], "hyperkal": ["nephrology"],
    "dka": ["endocrinology", "emergency"], "murmur": ["cardiology", "physicalexam"], "anaphyl": ["emergency"],
    "stroke": ["neurology"], "nephrotic": ["nephrology"], "anticoag": ["hematology", "pharmacology"],
    "thyroid": ["endocrinology"], "mening": ["infectiousdisease", "neurology"], "sepsis": ["emergency"],
    "diabetes": ["endocrinology", "pharmacology"], "curb": ["pulmonology"], "lithium": ["psychiatry"],
    "asthma": ["pulmonology"], "gout": ["rheumatology"], "addison": ["endocrinology"],
}
TAGS = {
    "murmur": ["Cardio::Murmurs", "Step1"], "beta": ["Pharm::Cardiac"], "anticoag": ["Heme::Anticoagulation"],
    "hyperkal": ["Renal::Electrolytes"], "dka": ["Endo::Diabetes"], "loop": ["Pharm::Renal"],
    "nephrotic": ["Renal::Glomerular"], "stroke": ["Neuro"], "thyroid": ["Endo::Thyroid"],
    "mening": ["ID"], "curb": ["Pulm"], "lithium": ["Psych", "Pharm::Psych"],
}
HUES = [(32, 78, 160), (120, 40, 120), (20, 110, 100), (160, 70, 30), (40, 90, 50), (130, 30, 50),
        (60, 60, 140), (20, 95, 140), (110, 80, 20), (70, 40, 110), (150, 45, 90), (30, 100, 75)]


def _key(name: str) -> str:
    return next((k for k in HASHTAGS if k in name), "")


def parse_script(path: Path) -> dict[str, object]:
    head, body, _tail = path.read_text(encoding="utf-8").split("\n---\n")
    meta = dict(line.split(":", 1) for line in head.splitlines() if ":" in line)
    lines = [line[2:].strip() for line in body.splitlines() if line[:2] in ("K ", "C ")]
    return {"name": path.stem, "title": meta["title"].strip(), "creator": meta["creator"].strip().lstrip("@"),
            "lines": lines}


def _wrap(draw: object, text: str, font: object, width: int) -> list[str]:
    """Words into lines no wider than `width` pixels (a word wider than that gets a line of its own)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if not line or draw.textlength(trial, font=font) <= width:  # type: ignore[attr-defined]
            line = trial
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def slide(path: Path, title: str, handle: str, tag: str, color: tuple[int, int, int]) -> Path:
    """A portrait title card like the cover of a short medical video."""
    from PIL import Image, ImageDraw, ImageFont

    w, h = 360, 640
    img = Image.new("RGB", (w, h), color)
    draw = ImageDraw.Draw(img)
    for y in range(h):  # a soft vertical gradient
        f = y / h
        c = tuple(int(v * (1 - 0.45 * f) + 10 * f) for v in color)
        draw.line([(0, y), (w, y)], fill=c)
    room = w - 52  # the card's text column: every line and the hashtag chip fit inside it
    for size in (38, 34, 30, 26):  # the largest title size whose lines all fit, in at most four lines
        big = ImageFont.truetype(FONT_BOLD, size)
        lines = _wrap(draw, title, big, room)
        if len(lines) <= 4 and all(draw.textlength(line, font=big) <= room for line in lines):
            break
    y = 200
    for line in lines:
        draw.text((26, y), line, font=big, fill=(255, 255, 255))
        y += int(size * 1.26)
    draw.rectangle([26, y + 18, 120, y + 24], fill=(255, 214, 90))
    chip = f"#{tag}"
    for chip_size in (20, 18, 16, 14):
        small = ImageFont.truetype(FONT_BOLD, chip_size)
        if draw.textlength(chip, font=small) + 28 <= room:
            break
    draw.rounded_rectangle([24, y + 50, 24 + int(draw.textlength(chip, font=small)) + 28, y + 86], radius=18,
                           fill=(255, 255, 255))
    draw.text((38, y + 68), chip, font=small, fill=color, anchor="lm")
    draw.text((26, h - 150), f"@{handle}", font=ImageFont.truetype(FONT, 22), fill=(235, 235, 235))
    img.save(path, quality=90)
    return path


def build_library(home: Path, count: int) -> None:
    import numpy as np
    from PIL import Image

    from studycompanion.core.types import CapturedClip, JobStep, VideoStatus
    from studycompanion.paths import app_paths
    from studycompanion.services import build_services
    from tests.fixtures.media_synth import join, speak, write_mp4

    services = build_services(app_paths(home))
    lib, pipeline, jobs = services.library, services.pipeline, services.jobs
    scripts = [parse_script(p) for p in sorted(SCRIPTS.glob("*.txt"))]
    scripts = [s for s in scripts if _key(str(s["name"]))][:count]
    murmurs = [s for s in scripts if "murmur" in str(s["name"])]
    scripts = [s for s in scripts if s not in murmurs] + murmurs  # the newest (first shown) clip: the murmurs
    tmp = Path(tempfile.mkdtemp(prefix="sc-shots-"))
    made = []
    for i, script in enumerate(scripts):
        name, title, handle = str(script["name"]), str(script["title"]), str(script["creator"])
        key = _key(name)
        color = HUES[i % len(HUES)]
        cover = slide(tmp / f"{name}.jpg", title, handle, HASHTAGS[key][0], color)
        frame = np.asarray(Image.open(cover).convert("RGB"))
        audio = join([speak(line) for line in list(script["lines"])[:5]])  # type: ignore[arg-type]
        media = write_mp4(tmp / f"{name}.mp4", audio, frames=lambda _t, f=frame: f, size=(360, 640), fps=1)
        platform_id = str(7_300_000_000_000_000_000 + i * 7919)
        url = f"https://www.tiktok.com/@{handle}/video/{platform_id}"
        video, _ = lib.create_queued("tiktok", platform_id, url)
        assert video.id is not None
        lib.attach_capture(video.id, CapturedClip(
            "tiktok", platform_id, url, media, title=title, creator_handle=handle,
            creator_name=handle.replace(".", " ").replace("_", " ").title(), caption=title,
            hashtags=HASHTAGS[key] + ["medschool"], duration=None, thumbnail_file=cover))
        lib.tags.tag(video.id, TAGS.get(key, []))
        if i % 3 == 0 or "murmur" in name:
            lib.set_favourite(video.id, True)
        pipeline.queue_step(JobStep.TRANSCRIBE, video.id, [JobStep.CARDS.value])
        made.append(video.id)
        print(f"  clip {video.id}: {title}")
        time.sleep(0.01)  # distinct added_at
    print("transcribing and making cards…")
    pipeline.run_pending(workers=2)

    # the Jobs view: one download running, one failed with its reason, one waiting
    def queued(handle: str, pid: str) -> int:
        v, _ = lib.create_queued("tiktok", pid, f"https://www.tiktok.com/@{handle}/video/{pid}")
        assert v.id is not None
        return v.id

    failed = queued("renal.rounds", "7391000000000000001")
    job = jobs.enqueue(JobStep.CAPTURE, failed, {"then": ["transcribe", "cards"]})
    claimed = jobs.claim_next([JobStep.CAPTURE])
    assert claimed is not None and claimed.id == job.id
    reason = "This video is private or was removed by its creator."
    jobs.fail(claimed.id, reason, "yt-dlp: ERROR: [TikTok] 7391000000000000001: Video not available, status code 10204")
    lib.set_status(failed, VideoStatus.FAILED, reason)
    running = queued("cardio.cases", "7391000000000000002")
    job = jobs.enqueue(JobStep.CAPTURE, running, {"then": ["transcribe", "cards"]})
    claimed = jobs.claim_next([JobStep.CAPTURE])
    assert claimed is not None and claimed.id is not None
    jobs.report(claimed.id, 0.42, "Downloading 4.2 MB of 10.0 MB at 1.3 MB/s", 5.0)
    lib.set_status(running, VideoStatus.DOWNLOADING)
    waiting = queued("pharm.pearls", "7391000000000000003")
    jobs.enqueue(JobStep.CAPTURE, waiting, {"then": ["transcribe", "cards"]})
    services.close()
    shutil.rmtree(tmp, ignore_errors=True)


SIZES = {"": "1280x800", "-1024": "1024x640"}  # file suffix -> window size: the usual and the small window


def shoot(home: Path, out: Path, views: list[str], name: str | None = None) -> int:
    """Each view at each size; `name` replaces the view's name in the file name (welcome.png)."""
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, STUDYCOMPANION_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    failures = 0
    for view, (suffix, size) in ((v, s) for v in views for s in SIZES.items()):
        target = out / f"{name or view}{suffix}.png"
        proc = subprocess.run([sys.executable, "-m", "studycompanion", "gui", "--screenshot", str(target),
                               "--view", view, "--size", size], env=env, cwd=ROOT, capture_output=True, text=True,
                              timeout=180)
        if proc.returncode != 0:
            failures += 1
            print(f"{view}: failed ({proc.returncode})\n{proc.stderr[-2000:]}", file=sys.stderr)
        else:
            print(proc.stdout.strip())
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=ROOT / "build" / "screenshot-home")
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "screenshots")
    parser.add_argument("--reuse", action="store_true", help="keep an existing sample library")
    parser.add_argument("--clips", type=int, default=12)
    parser.add_argument("--view", action="append", choices=(*VIEWS, "welcome"),
                        help="only these views (repeatable); welcome is the first-run page of an empty library")
    args = parser.parse_args()
    views = args.view or [*VIEWS, "welcome"]
    failures = 0
    if "welcome" in views:  # the first start: an empty library's welcome page (the demo, the better model)
        with tempfile.TemporaryDirectory(prefix="sc-welcome-") as empty:
            failures += shoot(Path(empty) / "home", args.out, ["library"], name="welcome")
        views = [v for v in views if v != "welcome"]
        if not views:
            return 1 if failures else 0
    home = args.home.resolve()
    if not (args.reuse and (home / "library.sqlite3").exists()):
        shutil.rmtree(home, ignore_errors=True)
        print(f"building the sample library in {home}")
        build_library(home, args.clips)
    failures += shoot(home, args.out, views)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
