"""Merging per-frame OCR reads into timed lines, junk rules, and the in-wheel models (fast: no video)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from studycompanion.core.errors import UserError
from studycompanion.core.screen import OcrEngine, OcrRead
from studycompanion.core.screen.engine import CLS_MODEL, DET_MODEL, REC_MODEL, wheel_models_dir
from studycompanion.core.screen.merge import TimedRead, clean_text, is_watermark, join_fragments, merge_reads


def _read(text: str, y: float, score: float = 0.95, x0: float = 50, x1: float = 300) -> OcrRead:
    return OcrRead(text=text, score=score, x0=x0, y0=y, x1=x1, y1=y + 40)


def test_jittery_reads_of_one_caption_are_one_line_with_the_best_supported_text() -> None:
    obs = [
        (1.0, [TimedRead(_read("Fact #23", 100, 0.97), 0.75)]),
        (2.0, [TimedRead(_read("Fact#23", 101, 0.99), 0.75)]),
        (3.0, [TimedRead(_read("Fact #23", 100, 0.98), 0.75)]),
        (4.0, []),
    ]
    lines = merge_reads(obs, width=540, height=960, interval=0.5, end_time=6.0)
    assert len(lines) == 1
    assert lines[0].text == "Fact #23"  # two reads agree; the single better-scored jitter does not win
    assert (lines[0].start, lines[0].end) == (0.75, 3.75)
    assert lines[0].confidence == pytest.approx(0.98)


def test_a_line_missed_once_stays_one_line_and_a_later_repeat_is_another() -> None:
    obs = [
        (1.0, [TimedRead(_read("Metoprolol", 100), 1.0)]),
        (2.0, []),
        (2.5, [TimedRead(_read("Metoprolol", 100), 2.5)]),
        (3.0, []),
        (9.0, [TimedRead(_read("Metoprolol", 100), 8.75)]),
    ]
    lines = merge_reads(obs, width=540, height=960, interval=0.5, end_time=10.0)
    assert [(ln.start, ln.end) for ln in lines] == [(1.0, 2.75), (8.75, 10.0)]


def test_blocks_read_top_to_bottom_and_junk_is_dropped() -> None:
    reads = [
        TimedRead(_read("second line", 300), 2.0),
        TimedRead(_read("first line", 200), 2.2),
        TimedRead(_read("TikTok", 20), 2.0),
        TimedRead(_read("@pharm_facts", 60), 2.0),
        TimedRead(_read("x", 400), 2.0),
        TimedRead(_read("unsure words", 500, score=0.52), 2.0),
    ]
    lines = merge_reads([(2.5, reads)], width=540, height=960, interval=0.5, end_time=5.0)
    assert [ln.text for ln in lines] == ["first line", "second line"]


def test_text_rules() -> None:
    assert clean_text("Metoprolol 💊  25 mg ✅") == "Metoprolol 25 mg"
    assert clean_text("K+ > 5.5 mEq/L") == "K+ > 5.5 mEq/L"
    assert is_watermark("TikTok") and is_watermark("Tik Tok") and is_watermark("@dr.notes") and is_watermark("kTo")
    assert not is_watermark("Tick bite") and not is_watermark("Take it daily") and not is_watermark("Toxic dose")
    joined = join_fragments([_read("Max 5 mg", 100, x0=40, x1=200), _read("per day", 102, x0=230, x1=330)], 1.2)
    assert [r.text for r in joined] == ["Max 5 mg per day"]


def test_models_ship_in_the_wheel_and_read_english_offline() -> None:
    folder = wheel_models_dir()
    for name in (DET_MODEL, REC_MODEL, CLS_MODEL):
        assert (folder / name).is_file()
    engine = OcrEngine()
    img = Image.new("RGB", (540, 200), (20, 40, 90))
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 34)
    ImageDraw.Draw(img).text((30, 70), "Spironolactone 25 mg", font=font, fill=(255, 255, 255))
    reads = engine.read(np.asarray(img)[:, :, ::-1].copy())
    assert [r.text for r in reads] == ["Spironolactone 25 mg"]
    assert reads[0].y0 < 90 < reads[0].y1


def test_missing_models_are_a_readable_error(tmp_path: Path) -> None:
    with pytest.raises(UserError) as err:
        OcrEngine(models_dir=tmp_path)
    assert "reinstall" in err.value.message
