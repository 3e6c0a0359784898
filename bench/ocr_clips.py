"""Generated clips with known overlay text for the on-screen text benchmark and tests (deterministic from a seed).

Each clip is a small H.264 mp4 written with PyAV: a background (flat colour, gradient, fine noise, a panning
photo-like texture, a moving subject, a talking head), overlay blocks of one to three lines rendered with Pillow
in several fonts / sizes / colours / styles (plain, outlined like TikTok's default, TikTok-style caption box,
drop shadow), sometimes with a colour emoji (Noto Color Emoji) beside the words, blocks changing over the clip,
and sometimes a TikTok-like watermark ("TikTok" + "@handle", hopping corners) that is not part of the truth.

The truth for a clip is its overlay lines with their times (emoji and the watermark excluded). Clips are split
into a tuning half and a test half (alternating, so both hold every kind); tune only on "tune".

    .venv/bin/python bench/ocr_clips.py [--dir DIR] [--count 32] [--seed 14]   # writes the clips + truth.json

Fonts: DejaVu (Bitstream Vera licence) and Liberation (SIL OFL 1.1) from Debian's fonts-dejavu / fonts-liberation,
Noto Color Emoji (SIL OFL 1.1) from fonts-noto-color-emoji; the clips are generated here, nothing is committed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import av
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
GENERATOR_VERSION = 3  # bump when the clips change: the cache is rebuilt
DEFAULT_DIR = Path(os.environ.get("SC_OCR_CLIPS", str(Path.home() / ".cache" / "studycompanion-bench" / "ocr_clips")))

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"))
FONT_FILES = (
    "DejaVuSans-Bold.ttf",
    "LiberationSans-Bold.ttf",
    "DejaVuSans.ttf",
    "LiberationSerif-Bold.ttf",
    "DejaVuSerif-Bold.ttf",
    "LiberationSansNarrow-Bold.ttf",
    "DejaVuSansCondensed-Bold.ttf",
    "LiberationSans-Regular.ttf",
    "LiberationMono-Bold.ttf",
)
EMOJI_FONT = Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf")
EMOJI = ("💊", "🧠", "🫀", "✅", "🔥", "⚠️", "🩺", "📌")

CLEAN_BACKGROUNDS = ("solid", "gradient")
BUSY_BACKGROUNDS = ("noise", "texture", "subject", "talking_head")
STYLES = ("stroke", "box", "plain", "shadow")

DRUGS = (
    "Metoprolol", "Lisinopril", "Amlodipine", "Furosemide", "Spironolactone", "Warfarin", "Apixaban", "Heparin",
    "Atorvastatin", "Metformin", "Insulin glargine", "Levothyroxine", "Prednisone", "Amoxicillin", "Vancomycin",
    "Ceftriaxone", "Azithromycin", "Ciprofloxacin", "Omeprazole", "Ondansetron", "Haloperidol", "Lithium",
    "Sertraline", "Digoxin", "Amiodarone", "Clopidogrel", "Morphine", "Naloxone", "Epinephrine", "Adenosine",
)
CLASSES = (
    "beta-1 blocker", "ACE inhibitor", "calcium channel blocker", "loop diuretic", "K+ sparing diuretic",
    "vitamin K antagonist", "factor Xa inhibitor", "HMG-CoA reductase inhibitor", "biguanide", "SSRI",
    "macrolide", "fluoroquinolone", "proton pump inhibitor", "5-HT3 antagonist", "opioid antagonist",
)
EFFECTS = (
    "bradycardia", "dry cough", "angioedema", "ankle edema", "hypokalemia", "hyperkalemia", "gynecomastia",
    "bleeding", "myopathy", "lactic acidosis", "QT prolongation", "tendon rupture", "ototoxicity",
    "red man syndrome", "hypothyroidism", "serotonin syndrome", "tardive dyskinesia", "pulmonary fibrosis",
)
TERMS = (
    "Preload vs afterload", "Starling curve", "Nephrotic syndrome", "Virchow triad", "Beck triad",
    "Cushing reflex", "Kussmaul breathing", "Anion gap acidosis", "Frank-Starling law", "Wolff-Parkinson-White",
    "Loop of Henle", "Renin angiotensin system", "Type 2 hypersensitivity", "Tumor lysis syndrome",
    "Hyponatremia causes", "SIADH vs DI", "Step 1 high yield", "Cranial nerve VII", "Brachial plexus",
)
TEMPLATES = (
    "{drug}", "{drug}: {cls}", "Class: {cls}", "Dose {n} mg {freq}", "Side effect: {se}", "Watch for {se}",
    "{term}", "Remember: {term}", "Avoid in {cond}", "{drug} causes {se}", "Max {n} mg per day", "Fact #{k}",
)
FREQ = ("daily", "BID", "TID", "q8h", "q12h", "PRN")
CONDITIONS = ("pregnancy", "asthma", "renal failure", "heart block", "hyperkalemia", "G6PD deficiency")
HANDLES = ("@medschoolmemes", "@dr.notes", "@pharm_facts", "@nurse.jess", "@step1daily", "@cardio.cat")


@dataclass(frozen=True)
class TruthLine:
    """One overlay line that a reader should find: its words (emoji left out) and when it was on screen."""

    text: str
    start: float
    end: float


@dataclass
class ClipTruth:
    name: str
    path: str
    split: str  # "tune" or "test"
    busy: bool
    background: str
    style: str
    duration: float
    width: int
    height: int
    lines: list[TruthLine] = field(default_factory=list)
    watermark: bool = False


@dataclass(frozen=True)
class _Block:
    lines: tuple[str, ...]
    emoji: str  # "" or one emoji drawn beside the first line
    start: float
    end: float
    y_frac: float
    style: str
    font: str
    size: int
    fill: tuple[int, int, int]
    box_fill: tuple[int, int, int]


@dataclass(frozen=True)
class ClipSpec:
    """Everything that decides a clip; the same spec always renders the same frames."""

    name: str
    seed: int
    background: str
    style: str
    duration: float
    width: int = 540
    height: int = 960
    fps: int = 30
    blocks: int = 3
    max_lines: int = 3
    emoji: bool = True
    watermark: bool = False
    static_caption: bool = False  # one block for the whole clip (a talking head with a caption)


def _font_path(name: str) -> Path:
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(f"font {name} not found (install fonts-dejavu and fonts-liberation)")


def available_fonts() -> list[str]:
    return [name for name in FONT_FILES if any((folder / name).exists() for folder in FONT_DIRS)]


def _phrase(rng: np.random.Generator) -> str:
    template = TEMPLATES[int(rng.integers(len(TEMPLATES)))]
    return template.format(
        drug=DRUGS[int(rng.integers(len(DRUGS)))],
        cls=CLASSES[int(rng.integers(len(CLASSES)))],
        se=EFFECTS[int(rng.integers(len(EFFECTS)))],
        term=TERMS[int(rng.integers(len(TERMS)))],
        cond=CONDITIONS[int(rng.integers(len(CONDITIONS)))],
        n=int(rng.choice([5, 10, 20, 25, 40, 50, 100, 200, 500])),
        freq=FREQ[int(rng.integers(len(FREQ)))],
        k=int(rng.integers(1, 30)),
    )


def _plan_blocks(spec: ClipSpec, rng: np.random.Generator) -> list[_Block]:
    fonts = available_fonts()
    n_blocks = 1 if spec.static_caption else spec.blocks
    blocks: list[_Block] = []
    if n_blocks <= 0:
        return blocks
    slot = spec.duration / n_blocks
    for b in range(n_blocks):
        font = fonts[int(rng.integers(len(fonts)))]
        size = int(rng.integers(max(16, spec.width // 20), max(20, spec.width // 12) + 1))
        pil_font = ImageFont.truetype(str(_font_path(font)), size)
        n_lines = int(rng.integers(1, spec.max_lines + 1))
        lines: list[str] = []
        while len(lines) < n_lines:
            text = _phrase(rng)
            if pil_font.getlength(text) <= spec.width * 0.78 and text not in lines:
                lines.append(text)
        if spec.static_caption:
            start, end = 0.0, spec.duration
        else:
            start = round(b * slot + float(rng.uniform(0.3, 0.8)), 2)
            end = round(min(spec.duration, (b + 1) * slot - float(rng.uniform(0.0, 0.6))), 2)
        style = spec.style if spec.style != "mixed" else STYLES[int(rng.integers(len(STYLES)))]
        bright = [(255, 255, 255), (255, 235, 59), (0, 229, 255), (255, 255, 255), (255, 120, 170)]
        fill = bright[int(rng.integers(len(bright)))]
        box_fill = (0, 0, 0)
        if style == "box":
            choice = int(rng.integers(3))
            pairs = [((255, 255, 255), (0, 0, 0)), ((0, 0, 0), (255, 255, 255)), ((254, 44, 85), (255, 255, 255))]
            box_fill, fill = pairs[choice]
        blocks.append(
            _Block(
                lines=tuple(lines),
                emoji=EMOJI[int(rng.integers(len(EMOJI)))] if spec.emoji and rng.random() < 0.5 else "",
                start=start,
                end=end,
                y_frac=float(rng.choice([0.14, 0.3, 0.45, 0.62])),
                style=style,
                font=font,
                size=size,
                fill=fill,
                box_fill=box_fill,
            )
        )
    return blocks


def _emoji_image(char: str, size: int) -> Image.Image:
    font = ImageFont.truetype(str(EMOJI_FONT), 109)  # a bitmap font: 109 px only, scaled after
    canvas = Image.new("RGBA", (160, 160), (0, 0, 0, 0))
    ImageDraw.Draw(canvas).text((10, 10), char, font=font, embedded_color=True)
    box = canvas.getbbox() or (0, 0, 160, 160)
    glyph = canvas.crop(box)
    return glyph.resize((size, max(1, round(glyph.height * size / max(1, glyph.width)))), Image.Resampling.LANCZOS)


def _render_block(block: _Block, width: int, height: int) -> tuple[np.ndarray, int, int]:
    """The block as an RGBA array and where its top-left goes."""
    font = ImageFont.truetype(str(_font_path(block.font)), block.size)
    line_h = round(block.size * 1.35)
    pad = round(block.size * 0.4)
    emoji = _emoji_image(block.emoji, block.size) if block.emoji and EMOJI_FONT.exists() else None
    widths = [font.getlength(text) for text in block.lines]
    extra = (emoji.width + block.size // 3) if emoji is not None else 0
    block_w = int(max(widths) + extra + 2 * pad + 8)
    block_h = int(line_h * len(block.lines) + 2 * pad)
    img = Image.new("RGBA", (block_w, block_h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    for i in range(len(block.lines)):
        lw = widths[i] + (extra if i == 0 else 0)
        x = (block_w - lw) / 2
        y = pad + i * line_h
        if block.style == "box":
            draw.rounded_rectangle(
                (x - pad * 0.8, y - pad * 0.35, x + lw + pad * 0.8, y + line_h - pad * 0.1),
                radius=max(4, block.size // 3),
                fill=(*block.box_fill, 255),
            )
    for i, text in enumerate(block.lines):
        lw = widths[i] + (extra if i == 0 else 0)
        x = (block_w - lw) / 2
        y = pad + i * line_h
        if block.style == "stroke":
            draw.text((x, y), text, font=font, fill=(*block.fill, 255), stroke_width=max(2, block.size // 12),
                      stroke_fill=(0, 0, 0, 255))
        elif block.style == "shadow":
            off = max(2, block.size // 14)
            draw.text((x + off, y + off), text, font=font, fill=(0, 0, 0, 200))
            draw.text((x, y), text, font=font, fill=(*block.fill, 255))
        elif block.style == "box":
            draw.text((x, y), text, font=font, fill=(*block.fill, 255))
        else:
            draw.text((x, y), text, font=font, fill=(*block.fill, 255))
        if i == 0 and emoji is not None:
            img.alpha_composite(emoji, (int(x + widths[0] + block.size // 3), int(y + block.size * 0.15)))
    left = (width - block_w) // 2
    top = int(height * block.y_frac)
    return np.asarray(img), left, top


def _texture(rng: np.random.Generator, h: int, w: int, octaves: int = 5) -> np.ndarray:
    """A photo-like texture: coloured noise summed over scales (float RGB 0..255)."""
    out = np.zeros((h, w, 3), dtype=np.float32)
    for o in range(octaves):
        cell = 2 ** (o + 2)
        small = rng.random((h // cell + 2, w // cell + 2, 3), dtype=np.float32)
        img = Image.fromarray((small * 255).astype(np.uint8))
        img = img.resize((w + cell * 2, h + cell * 2), Image.Resampling.BICUBIC)
        out += np.asarray(img, dtype=np.float32)[:h, :w] * (0.5 ** (octaves - o))
    out -= out.min()
    out *= 255.0 / max(1.0, float(out.max()))
    return out


def _subject_sprite(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    """A person-like figure (head and shoulders, shirt with a pattern) as RGBA."""
    sprite = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(sprite)
    skin = tuple(int(v) for v in rng.integers(120, 230, 3))
    shirt = tuple(int(v) for v in rng.integers(20, 200, 3))
    draw.ellipse((w * 0.3, 0, w * 0.7, h * 0.38), fill=(*skin, 255))
    draw.ellipse((w * 0.38, h * 0.12, w * 0.45, h * 0.17), fill=(30, 30, 30, 255))
    draw.ellipse((w * 0.55, h * 0.12, w * 0.62, h * 0.17), fill=(30, 30, 30, 255))
    draw.arc((w * 0.4, h * 0.2, w * 0.6, h * 0.3), 20, 160, fill=(120, 20, 20, 255), width=4)
    draw.rounded_rectangle((0, h * 0.4, w, h), radius=int(w * 0.2), fill=(*shirt, 255))
    for k in range(6):
        y = h * (0.5 + 0.08 * k)
        draw.line((w * 0.1, y, w * 0.9, y + 10), fill=(255, 255, 255, 160), width=5)
    return np.asarray(sprite.filter(ImageFilter.GaussianBlur(1.2)))


def _blend(frame: np.ndarray, rgba: np.ndarray, left: int, top: int) -> None:
    h, w = rgba.shape[:2]
    fh, fw = frame.shape[:2]
    x0, y0 = max(0, left), max(0, top)
    x1, y1 = min(fw, left + w), min(fh, top + h)
    if x1 <= x0 or y1 <= y0:
        return
    part = rgba[y0 - top : y1 - top, x0 - left : x1 - left].astype(np.float32)
    alpha = part[..., 3:4] / 255.0
    region = frame[y0:y1, x0:x1]
    region[...] = part[..., :3] * alpha + region * (1.0 - alpha)


class _Background:
    def __init__(self, kind: str, rng: np.random.Generator, w: int, h: int, fps: int) -> None:
        self.kind, self.w, self.h, self.fps = kind, w, h, fps
        c1 = rng.integers(0, 256, 3).astype(np.float32)
        c2 = rng.integers(0, 256, 3).astype(np.float32)
        self.sprite: np.ndarray | None = None
        if kind == "solid":
            self.base = np.broadcast_to(c1 * 0.6, (h, w, 3)).astype(np.float32)
        elif kind == "gradient":
            t = np.linspace(0.0, 1.0, h, dtype=np.float32)[:, None, None]
            self.base = np.broadcast_to(c1 * (1 - t) + c2 * t, (h, w, 3)).astype(np.float32)
        elif kind == "noise":
            fine = rng.integers(0, 256, (h // 2, w // 2 + 64, 3)).astype(np.float32)
            self.base = fine.repeat(2, 0).repeat(2, 1) * 0.7 + 30
        elif kind == "texture":
            self.base = _texture(rng, h, w + 400)
        else:  # subject / talking_head: a room-like texture and a person
            self.base = _texture(rng, h, w + 200, octaves=4) * 0.8
            self.sprite = _subject_sprite(rng, int(w * 0.7), int(h * 0.65))

    def frame(self, i: int) -> np.ndarray:
        t = i / self.fps
        if self.kind in ("solid", "gradient"):
            return self.base.copy()
        if self.kind == "noise":
            shift = int(t * 12) % 64
            return self.base[:, shift : shift + self.w].copy()
        if self.kind == "texture":
            shift = int(200 + 180 * math.sin(t * 0.35))
            return self.base[:, shift : shift + self.w].copy()
        frame = self.base[:, 100 : 100 + self.w].copy()
        assert self.sprite is not None
        sw = self.sprite.shape[1]
        if self.kind == "subject":
            x = int((self.w - sw) / 2 + (self.w * 0.35) * math.sin(t * 0.9))
            y = int(self.h * 0.3 + 25 * math.sin(t * 2.1))
        else:
            x = int((self.w - sw) / 2 + 12 * math.sin(t * 1.3))
            y = int(self.h * 0.32 + 8 * math.sin(t * 3.1))
        _blend(frame, self.sprite, x, y)
        return frame


def _watermark(handle: str, size: int) -> tuple[np.ndarray, np.ndarray]:
    font = ImageFont.truetype(str(_font_path("DejaVuSans-Bold.ttf")), size)
    out = []
    for text in ("TikTok", handle):
        f = font if text == "TikTok" else ImageFont.truetype(str(_font_path("DejaVuSans.ttf")), int(size * 0.75))
        w = int(f.getlength(text)) + 8
        img = Image.new("RGBA", (w, int(size * 1.4)), (0, 0, 0, 0))
        ImageDraw.Draw(img).text(
            (2, 2), text, font=f, fill=(255, 255, 255, 170), stroke_width=1, stroke_fill=(0, 0, 0, 90)
        )
        out.append(np.asarray(img))
    return out[0], out[1]


def render_clip(spec: ClipSpec, path: Path) -> list[TruthLine]:
    """Write the clip to `path` and return its truth lines."""
    rng = np.random.default_rng(spec.seed)
    blocks = _plan_blocks(spec, rng)
    background = _Background(spec.background, rng, spec.width, spec.height, spec.fps)
    rendered = [_render_block(b, spec.width, spec.height) for b in blocks]
    mark = _watermark(HANDLES[int(rng.integers(len(HANDLES)))], max(14, spec.width // 24)) if spec.watermark else None
    n_frames = round(spec.duration * spec.fps)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part.mp4")
    with av.open(str(tmp), "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=spec.fps)
        stream.width, stream.height, stream.pix_fmt = spec.width, spec.height, "yuv420p"
        stream.options = {"preset": "veryfast", "crf": "24", "threads": "1"}
        for i in range(n_frames):
            t = i / spec.fps
            frame = background.frame(i)
            for block, (rgba, left, top) in zip(blocks, rendered, strict=True):
                if block.start <= t < block.end:
                    _blend(frame, rgba, left, top)
            if mark is not None:
                corner = int(t // 4) % 2  # hops between top-left and bottom-right like TikTok's
                logo, handle = mark
                if corner == 0:
                    _blend(frame, logo, 16, 20)
                    _blend(frame, handle, 16, 20 + logo.shape[0])
                else:
                    x = spec.width - max(logo.shape[1], handle.shape[1]) - 16
                    y = spec.height - logo.shape[0] - handle.shape[0] - 60
                    _blend(frame, logo, x, y)
                    _blend(frame, handle, x, y + logo.shape[0])
            video = av.VideoFrame.from_ndarray(np.clip(frame, 0, 255).astype(np.uint8), format="rgb24")
            for packet in stream.encode(video):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    tmp.replace(path)
    truth: list[TruthLine] = []
    for block in blocks:
        for text in block.lines:
            truth.append(TruthLine(text=text, start=block.start, end=block.end))
    return truth


def bench_specs(count: int = 32, seed: int = 14) -> list[ClipSpec]:
    """The benchmark's clips: kinds alternate so the tuning and the test half each hold every kind."""
    specs: list[ClipSpec] = []
    rng = np.random.default_rng(seed)
    kinds = [(bg, False) for bg in CLEAN_BACKGROUNDS] + [(bg, True) for bg in BUSY_BACKGROUNDS]
    for i in range(count):
        bg, _busy = kinds[(i // 2) % len(kinds)]
        style = STYLES[(i // 2 + i % 2) % len(STYLES)] if i % 5 else "mixed"
        long_clip = i % 8 in (6, 7)  # a quarter of the clips are a full minute (the CPU figure's worst case)
        duration = 60.0 if long_clip else 20.0
        specs.append(
            ClipSpec(
                name=f"clip{i:02d}_{bg}_{style}",
                seed=int(rng.integers(1 << 30)),
                background=bg,
                style=style,
                duration=duration,
                blocks=12 if long_clip else 4,
                max_lines=3,
                emoji=i % 3 != 0,
                watermark=i % 4 == 1,
                static_caption=bg == "talking_head" and i % 4 == 0,
            )
        )
    return specs


def split_of(index: int) -> str:
    return "tune" if index % 2 == 0 else "test"


def generate(directory: Path = DEFAULT_DIR, count: int = 32, seed: int = 14, *, log: bool = False) -> list[ClipTruth]:
    """Write the benchmark clips into `directory` (kept while the generator version, count and seed match)."""
    directory.mkdir(parents=True, exist_ok=True)
    manifest = directory / "truth.json"
    key = {"version": GENERATOR_VERSION, "count": count, "seed": seed}
    if manifest.exists():
        data = json.loads(manifest.read_text())
        if data.get("key") == key and all(Path(c["path"]).exists() for c in data["clips"]):
            return [_truth_from_json(c) for c in data["clips"]]
    clips: list[ClipTruth] = []
    for index, spec in enumerate(bench_specs(count, seed)):
        path = directory / f"{spec.name}.mp4"
        if log:
            print(f"  generating {path.name} ({spec.duration:.0f} s)", flush=True)
        lines = render_clip(spec, path)
        clips.append(
            ClipTruth(
                name=spec.name,
                path=str(path),
                split=split_of(index),
                busy=spec.background in BUSY_BACKGROUNDS,
                background=spec.background,
                style=spec.style,
                duration=spec.duration,
                width=spec.width,
                height=spec.height,
                lines=lines,
                watermark=spec.watermark,
            )
        )
    manifest.write_text(json.dumps({"key": key, "clips": [asdict(c) for c in clips]}, indent=1))
    return clips


def _truth_from_json(data: dict[str, object]) -> ClipTruth:
    raw_lines = data.pop("lines")
    assert isinstance(raw_lines, list)
    clip = ClipTruth(**data)  # type: ignore[arg-type]
    clip.lines = [TruthLine(**line) for line in raw_lines]
    return clip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--count", type=int, default=32)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    clips = generate(args.dir, args.count, args.seed, log=True)
    print(f"{len(clips)} clips in {args.dir}, {sum(len(c.lines) for c in clips)} overlay lines")


if __name__ == "__main__":
    main()
