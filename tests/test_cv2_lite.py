"""cv2-lite, the bundle's stand-in for OpenCV (core/screen/cv2_lite/): each function rapidocr reaches gives what
real cv2 gives on small synthetic inputs (tolerances stated per test), rapidocr's own detector post-processing
finds the same boxes on it, and the on-screen text process reads a clip to the same lines with it as with OpenCV,
including where `cv2` cannot be imported at all (the bundle). Real cv2 is the reference where installed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from studycompanion.core.screen import cv2_lite as lite
from studycompanion.core.screen.engine import CV2_ENV

cv2: Any = pytest.importorskip("cv2", reason="real OpenCV is the reference")
if cv2 is lite:  # pragma: no cover - a session that forced the stand-in has no reference
    pytest.skip("cv2 is the stand-in in this process", allow_module_level=True)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(17)


def _diff(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    assert a.shape == b.shape and a.dtype == b.dtype
    return np.abs(a.astype(np.int64) - b.astype(np.int64))


def test_resize_linear_is_opencvs_half_pixel_mapping_to_within_one_level(rng: np.random.Generator) -> None:
    """Down and up, colour and grey, the sizes rapidocr asks for: at most 1 level off, 99 % of values exact
    (cv2's SIMD and scalar tails round differently). Pillow's antialiased filter would be 10+ levels off."""
    total = exact = 0
    for _ in range(40):
        h, w, dh, dw = (int(v) for v in rng.integers(4, 260, 4))
        img = rng.integers(0, 256, (h, w, 3) if dh % 2 else (h, w), dtype=np.uint8)
        d = _diff(cv2.resize(img, (dw, dh)), lite.resize(img, (dw, dh)))
        assert d.max() <= 1
        total, exact = total + d.size, exact + int((d == 0).sum())
    assert exact / total >= 0.99
    img = rng.integers(0, 256, (30, 40, 3), dtype=np.uint8)
    assert np.array_equal(lite.resize(img, (40, 30)), img)  # same size: a copy (map_img_to_original)
    assert lite.resize(img, None, fx=0.5, fy=0.5).shape == cv2.resize(img, None, fx=0.5, fy=0.5).shape


def test_warp_perspective_crops_text_boxes_as_opencv_does(rng: np.random.Generator) -> None:
    """rapidocr's get_rotate_crop_image (INTER_CUBIC, BORDER_REPLICATE): an axis-aligned box is an exact copy,
    a tilted or perspective one at most 1 level off and 99 % exact; the transform itself matches to 1e-9."""
    img = rng.integers(0, 256, (120, 220, 3), dtype=np.uint8)
    total = exact = 0
    for i in range(30):
        pts = np.array([[20, 30], [170, 25], [175, 80], [22, 90]], np.float32)
        if i:
            pts += rng.normal(0, 4, (4, 2)).astype(np.float32)
        if i == 1:
            pts = np.array([[0, 0], [150, 0], [150, 40], [0, 40]], np.float32) + np.float32(7)
        w = int(max(np.linalg.norm(pts[0] - pts[1]), np.linalg.norm(pts[2] - pts[3])))
        h = int(max(np.linalg.norm(pts[0] - pts[3]), np.linalg.norm(pts[1] - pts[2])))
        std = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
        m_cv, m_lite = cv2.getPerspectiveTransform(pts, std), lite.getPerspectiveTransform(pts, std)
        assert np.allclose(m_cv, m_lite, atol=1e-9)
        assert np.allclose(cv2.invert(m_cv)[1], lite.invert(m_lite)[1], atol=1e-9)
        ref = cv2.warpPerspective(img, m_cv, (w, h), borderMode=cv2.BORDER_REPLICATE, flags=cv2.INTER_CUBIC)
        got = lite.warpPerspective(img, m_lite, (w, h), borderMode=lite.BORDER_REPLICATE, flags=lite.INTER_CUBIC)
        d = _diff(ref, got)
        assert d.max() <= (0 if i == 1 else 1), i
        total, exact = total + d.size, exact + int((d == 0).sum())
    assert exact / total >= 0.99


def _db_map(rng: np.random.Generator, size: tuple[int, int] = (544, 960)) -> np.ndarray:
    """A DB probability map like the detector's: text-line blobs (straight, tilted, rounded, some touching
    diagonally), specks, values in [0, 1]. Blobs do not overlap, so the map has no holes (see test_holes_...)."""
    from PIL import Image, ImageDraw

    canvas = Image.new("L", (size[1], size[0]), 0)
    draw = ImageDraw.Draw(canvas)
    for band in range(size[0] // 68):
        for half in range(2):
            x, y = float(half * size[1] / 2 + rng.uniform(0, 60)), float(band * 68 + rng.uniform(2, 8))
            w, h = float(rng.uniform(30, size[1] / 2 - 80)), float(rng.uniform(8, 26))
            angle = float(rng.choice([0.0, 0.0, 0.03, -0.04]))
            c, s = np.cos(angle), np.sin(angle)
            corners = [(x + dx * c - dy * s, y + 14 + dx * s + dy * c) for dx, dy in ((0, 0), (w, 0), (w, h), (0, h))]
            if rng.random() < 0.3:
                draw.rounded_rectangle((x, y + 14, x + w, y + 14 + h), radius=h / 3, fill=230)
            else:
                draw.polygon(corners, fill=int(rng.integers(160, 256)))
    arr = np.asarray(canvas, dtype=np.float32) / 255.0
    arr[rng.random(size) > 0.9995] = 0.9
    return arr


def _same_boxes(a: list[np.ndarray], b: list[np.ndarray], atol: float) -> bool:
    left = [np.sort(np.asarray(x, np.float64).reshape(-1, 2), axis=0) for x in a]
    right = [np.sort(np.asarray(x, np.float64).reshape(-1, 2), axis=0) for x in b]
    for box in left:
        hit = next((i for i, other in enumerate(right) if np.allclose(box, other, atol=atol)), None)
        if hit is None:
            return False
        right.pop(hit)
    return not right


def test_find_contours_gives_each_component_with_opencvs_boxes_and_order(rng: np.random.Generator) -> None:
    """On DB-like maps: one contour per 8-connected component (cv2's outer contours; holes are not listed), the
    same set of minAreaRect boxes, cv2's order and types ((N, 1, 2) int32, (contours, hierarchy))."""
    kernel = np.array([[1, 1], [1, 1]])
    for _ in range(4):
        mask = (_db_map(rng) > 0.3).astype(np.uint8)
        dil_cv, dil_lite = cv2.dilate(mask, kernel), lite.dilate(mask, kernel)
        assert np.array_equal(dil_cv, dil_lite)
        bitmap = (dil_cv * 255).astype(np.uint8)
        ccomp, hier = cv2.findContours(bitmap, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
        outer = [c for c, h in zip(ccomp, hier[0], strict=True) if h[3] == -1]
        listed, _ = cv2.findContours(bitmap, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
        got, got_hier = lite.findContours(bitmap, lite.RETR_LIST, lite.CHAIN_APPROX_SIMPLE)
        assert isinstance(got, tuple) and got_hier is not None and got_hier.shape == (1, len(got), 4)
        assert all(c.dtype == np.int32 and c.ndim == 3 and c.shape[1:] == (1, 2) for c in got)
        assert len(got) == len(outer)

        assert _same_boxes([lite.boxPoints(lite.minAreaRect(c)) for c in got],
                           [cv2.boxPoints(cv2.minAreaRect(c)) for c in outer], atol=0.02)
        starts = {tuple(c[0, 0]) for c in outer}
        assert [tuple(c[0, 0]) for c in got] == [tuple(c[0, 0]) for c in listed if tuple(c[0, 0]) in starts]
    assert lite.findContours(np.zeros((5, 5), np.uint8), lite.RETR_LIST, lite.CHAIN_APPROX_SIMPLE) == ((), None)


def test_min_area_rect_and_box_points_follow_opencvs_conventions(rng: np.random.Generator) -> None:
    """Angle in [-90, 0), width along it, boxPoints' corner order: the same tuple for axis-aligned pixel boxes
    and random point clouds (to float32 precision)."""
    for x0, y0, x1, y1 in ((2, 2, 7, 4), (10, 3, 11, 40), (0, 0, 5, 5)):
        pts = np.array([[x0, y0], [x0, y1], [x1, y1], [x1, y0]], np.int32).reshape(-1, 1, 2)
        assert lite.minAreaRect(pts) == cv2.minAreaRect(pts)
    for _ in range(200):
        pts = rng.normal(0, [40, 8], (int(rng.integers(3, 30)), 2)).astype(np.float32) + 100
        ref, got = cv2.minAreaRect(pts), lite.minAreaRect(pts)
        assert np.allclose(ref[0], got[0], atol=1e-3) and np.allclose(ref[1], got[1], atol=1e-3)
        assert abs(ref[2] - got[2]) < 1e-3
        assert np.allclose(cv2.boxPoints(ref), lite.boxPoints(got), atol=2e-3)


def test_rapidocrs_detector_post_processing_finds_the_same_boxes(rng: np.random.Generator,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """DBPostProcess (dilate, findContours, minAreaRect, boxPoints, fillPoly + mean scores, unclip) run on the
    stand-in gives the boxes it gives on OpenCV: the same count, corners within 2 px (1 px of the map, at half the
    frame's size) for 98 % of them."""
    from rapidocr.ch_ppocr_det import utils as det_utils

    post = det_utils.DBPostProcess(thresh=0.3, box_thresh=0.5, unclip_ratio=1.6, use_dilation=True)
    for _ in range(3):
        pred = _db_map(rng)[None, None]
        monkeypatch.setattr(det_utils, "cv2", cv2)
        ref_boxes, ref_scores = post(pred, (1088, 1920))
        monkeypatch.setattr(det_utils, "cv2", lite)
        got_boxes, got_scores = post(pred, (1088, 1920))
        assert len(got_boxes) == len(ref_boxes) > 10

        def key(b: np.ndarray) -> tuple[float, float]:
            return float(b[:, 0].min()), float(b[:, 1].min())

        ref_sorted, got_sorted = sorted(ref_boxes, key=key), sorted(got_boxes, key=key)
        off = [float(np.abs(a - b).max()) for a, b in zip(ref_sorted, got_sorted, strict=True)]
        assert sum(d <= 2 for d in off) >= 0.98 * len(off)  # 2 px: the map is half the frame's size
        assert abs(float(np.mean(ref_scores)) - float(np.mean(got_scores))) < 0.01


def test_the_small_functions_match_exactly(rng: np.random.Generator) -> None:
    img = rng.integers(0, 256, (9, 13, 3), dtype=np.uint8)
    grey = img[..., 0].copy()
    alpha = rng.integers(0, 256, (9, 13), dtype=np.uint8)
    for code in ("COLOR_GRAY2BGR",):
        assert np.array_equal(lite.cvtColor(grey, getattr(lite, code)), cv2.cvtColor(grey, getattr(cv2, code)))
    for code in ("COLOR_RGB2BGR", "COLOR_BGR2RGB"):
        assert np.array_equal(lite.cvtColor(img, getattr(lite, code)), cv2.cvtColor(img, getattr(cv2, code)))
    four = np.dstack([img, alpha])
    for code in ("COLOR_BGRA2BGR", "COLOR_RGBA2BGR"):
        assert np.array_equal(lite.cvtColor(four, getattr(lite, code)), cv2.cvtColor(four, getattr(cv2, code)))
    assert _diff(lite.cvtColor(img, lite.COLOR_BGR2GRAY), cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)).max() <= 1
    for code in ("ROTATE_180", "ROTATE_90_CLOCKWISE", "ROTATE_90_COUNTERCLOCKWISE"):
        assert np.array_equal(lite.rotate(img, getattr(lite, code)), cv2.rotate(img, getattr(cv2, code)))
    assert np.array_equal(lite.copyMakeBorder(img, 3, 2, 0, 1, lite.BORDER_CONSTANT, value=(0, 0, 0)),
                          cv2.copyMakeBorder(img, 3, 2, 0, 1, cv2.BORDER_CONSTANT, value=(0, 0, 0)))
    assert np.array_equal(lite.bitwise_not(alpha), cv2.bitwise_not(alpha))
    as_bgr = cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR)
    assert np.array_equal(lite.bitwise_and(as_bgr, as_bgr, mask=alpha), cv2.bitwise_and(as_bgr, as_bgr, mask=alpha))
    assert np.array_equal(lite.add(img, img), cv2.add(img, img))
    pred = rng.random((20, 30)).astype(np.float32)
    box = np.array([[[3, 4], [25, 4], [25, 15], [3, 15]]], np.int32)
    m_cv, m_lite = np.zeros((20, 30), np.uint8), np.zeros((20, 30), np.uint8)
    cv2.fillPoly(m_cv, box, 1)
    lite.fillPoly(m_lite, box, 1)
    assert np.array_equal(m_cv, m_lite)
    assert lite.mean(pred, m_lite)[0] == pytest.approx(cv2.mean(pred, m_cv)[0], abs=1e-6)
    assert lite.mean(pred, np.zeros_like(m_lite)) == (0.0, 0.0, 0.0, 0.0)
    ok, png = lite.imencode(".png", img)
    assert ok and np.array_equal(cv2.imdecode(png, cv2.IMREAD_COLOR), img)
    assert np.array_equal(lite.imdecode(png, lite.IMREAD_COLOR), img)  # type: ignore[arg-type]
    with pytest.raises(NotImplementedError, match="putText"):
        lite.putText(img, "x", (0, 0), lite.FONT_HERSHEY_SIMPLEX, 1.0, (0, 0, 0))


def test_the_stand_in_has_every_name_rapidocr_uses() -> None:
    import re

    import rapidocr

    folder = Path(rapidocr.__file__).parent
    used = {m for f in folder.rglob("*.py") for m in re.findall(r"cv2\.([A-Za-z_][A-Za-z0-9_]*)", f.read_text())}
    used.discard("ROTATE_")  # a prefix in a comment
    assert used and not sorted(n for n in used if not hasattr(lite, n))
    constants = [n for n in used if n.isupper() or n.startswith(("COLOR_", "INTER_", "BORDER_", "RETR_"))]
    assert constants and {n: getattr(lite, n) for n in constants} == {n: getattr(cv2, n) for n in constants}


# --- the process that reads clips, on the stand-in ----------------------------------------------------------------

BLOCK_CV2 = textwrap.dedent(
    """
    import importlib.abc, sys

    class _NoOpenCV(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "cv2" or name.startswith("cv2."):
                raise ModuleNotFoundError("No module named 'cv2' (blocked: the bundle ships no OpenCV)", name=name)
            return None

    sys.meta_path.insert(0, _NoOpenCV())
    """
)


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Any]]:
    from bench.ocr_clips import ClipSpec, render_clip

    path = tmp_path_factory.mktemp("cv2_lite") / "changing.mp4"
    spec = ClipSpec("changing", seed=101, background="gradient", style="stroke", duration=9.0, blocks=3,
                    max_lines=2, emoji=False, width=360, height=640, fps=15)
    return path, render_clip(spec, path)


def _loaded_cv2_library(pid: int) -> bool:
    maps = Path(f"/proc/{pid}/maps").read_text()
    return "cv2.abi3" in maps or "/cv2/" in maps


def _read_in_child(path: Path) -> tuple[list[tuple[str, float, float]], bool | None]:
    from studycompanion.core.screen import ScreenReader

    reader = ScreenReader()
    try:
        lines = reader.read(path)
        pid = int(reader.ping()["pid"])
        opencv = _loaded_cv2_library(pid) if sys.platform == "linux" else None
    finally:
        reader.close()
    return [(ln.text, round(ln.start, 2), round(ln.end, 2)) for ln in lines], opencv


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    monkeypatch.delenv(CV2_ENV, raising=False)
    yield monkeypatch


@pytest.mark.slow
def test_the_child_reads_a_clip_to_the_same_lines_on_the_stand_in(clip: tuple[Path, list[Any]],
                                                                  clean_env: pytest.MonkeyPatch) -> None:
    """STUDYCOMPANION_CV2=lite: the on-screen text process never loads OpenCV and reads the same lines, with the
    same times, as it does on OpenCV; every line on screen is found."""
    path, truth = clip
    real, real_opencv = _read_in_child(path)
    clean_env.setenv(CV2_ENV, "lite")
    with_lite, lite_opencv = _read_in_child(path)
    assert with_lite == real
    assert len(real) >= len(truth) - 1 and {t.text for t in truth} & {text for text, _, _ in with_lite}
    if real_opencv is not None:
        assert real_opencv and not lite_opencv


@pytest.mark.slow
def test_rapidocr_runs_where_cv2_cannot_be_imported(clip: tuple[Path, list[Any]], tmp_path: Path,
                                                    clean_env: pytest.MonkeyPatch) -> None:
    """The bundle's situation: `import cv2` fails in the child (a meta-path finder in sitecustomize blocks it);
    the engine falls back to the stand-in on its own and the clip's lines are read as on OpenCV."""
    path, truth = clip
    (tmp_path / "sitecustomize.py").write_text(BLOCK_CV2)
    pythonpath = os.pathsep.join(p for p in (str(tmp_path), str(ROOT), os.environ.get("PYTHONPATH")) if p)
    env = {**os.environ, "PYTHONPATH": pythonpath}
    script = ("import json, sys\n"
              "try:\n    import cv2\nexcept ImportError as exc:\n    blocked = str(exc)\n"
              "from studycompanion.core.screen.engine import OcrEngine\n"
              "OcrEngine().load()\n"
              "print(json.dumps([blocked, sys.modules['cv2'].__name__]))\n")
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=True)
    blocked, module = json.loads(done.stdout.strip().splitlines()[-1])
    assert "blocked" in blocked and module == "studycompanion.core.screen.cv2_lite"
    real, _ = _read_in_child(path)
    clean_env.setenv("PYTHONPATH", pythonpath)  # the child inherits it (core/childproc.worker_env)
    without, opencv = _read_in_child(path)
    assert without == real
    assert len(without) >= len(truth) - 1
    if opencv is not None:
        assert not opencv
