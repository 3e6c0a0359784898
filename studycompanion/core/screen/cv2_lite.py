"""cv2-lite: the small part of OpenCV that rapidocr calls, on numpy and Pillow, so the bundle ships no OpenCV.

Why: rapidocr 3.x imports `cv2` in most of its modules, and opencv-python-headless costs the desktop bundle about
120 MiB (cv2/ plus its .libs, 39 MiB of that OpenBLAS) for a handful of image operations; the app itself never calls
cv2. engine.py puts this module in `sys.modules["cv2"]` when `import cv2` fails (the bundle), or when the
environment says STUDYCOMPANION_CV2=lite (tests, bench/ocr.py --cv2 lite); with real cv2 installed nothing changes.

What rapidocr reaches on our path (BGR numpy frames, no orientation model, no word boxes), and how close it is:
- resize INTER_LINEAR: OpenCV's half-pixel mapping (src = (dst + 0.5) * scale - 0.5, clamped) and its fixed-point
  arithmetic (11-bit weights, the SIMD rounding of the vertical pass), so uint8 results match cv2 exactly or
  within 1 level; INTER_CUBIC / INTER_NEAREST (not reached) are float numpy with cv2's mapping (A = -0.75).
- warpPerspective (INTER_CUBIC, BORDER_REPLICATE): float source coordinates and cubic weights (A = -0.75) as
  OpenCV 5 samples them, within 1 level of it; a map onto whole pixels (an axis-aligned box) is an exact copy.
- getPerspectiveTransform, invert, copyMakeBorder, dilate, mean (masked): as cv2. fillPoly (Pillow, outline drawn
  too, as cv2 does): the same pixels for axis-aligned boxes, ~0.3 % of them differ along tilted edges.
- minAreaRect / boxPoints: cv2 5's conventions (angle in [-90, 0), width along it, the same corner order). Where
  two rectangles have exactly the same area (small blobs with slanted corners) cv2's float32 calipers may keep
  the other one.
- findContours(RETR_LIST, CHAIN_APPROX_SIMPLE): one contour per 8-connected component (run-length labelling and a
  vectorised union-find), as the convex hull of its pixels, int32 (N, 1, 2), in cv2's order (reverse raster order
  of each component's first pixel); returns (contours, hierarchy) like cv2 4 / 5. Differences: holes are not
  returned (cv2's RETR_LIST lists them too, and rapidocr keeps a hole's box when the ring around it scores above
  box_thresh: seen with overlapping synthetic blobs, not on text) and concave outlines are their hull; rapidocr
  ("fast" box scores) only takes each contour's minAreaRect, the same for a component and its hull.
- cvtColor (GRAY/RGB/BGRA/RGBA to BGR and back), rotate, bitwise_not / and (mask), add (saturating), imdecode /
  imread / imwrite / imencode (Pillow) for the other input kinds rapidocr accepts.
Visualisation (putText, polylines) raises NotImplementedError.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw

__version__ = "0.0.0-studycompanion-lite"

Array = npt.NDArray[Any]

INTER_NEAREST = 0
INTER_LINEAR = 1
INTER_CUBIC = 2
WARP_INVERSE_MAP = 16
BORDER_CONSTANT = 0
BORDER_REPLICATE = 1
RETR_EXTERNAL = 0
RETR_LIST = 1
CHAIN_APPROX_SIMPLE = 2
ROTATE_90_CLOCKWISE = 0
ROTATE_180 = 1
ROTATE_90_COUNTERCLOCKWISE = 2
COLOR_BGR2BGRA = 0
COLOR_RGB2RGBA = 0
COLOR_BGRA2BGR = 1
COLOR_RGBA2RGB = 1
COLOR_BGR2RGBA = 2
COLOR_RGB2BGRA = 2
COLOR_RGBA2BGR = 3
COLOR_BGRA2RGB = 3
COLOR_BGR2RGB = 4
COLOR_RGB2BGR = 4
COLOR_BGR2GRAY = 6
COLOR_RGB2GRAY = 7
COLOR_GRAY2BGR = 8
COLOR_GRAY2RGB = 8
IMREAD_UNCHANGED = -1
IMREAD_GRAYSCALE = 0
IMREAD_COLOR = 1
FONT_HERSHEY_SIMPLEX = 0
LINE_8 = 8

_COEF_BITS = 11  # INTER_RESIZE_COEF_BITS
_COEF_ONE = 1 << _COEF_BITS
_CUBIC_A = -0.75


def _unsupported(what: str) -> NotImplementedError:
    return NotImplementedError(f"cv2-lite (studycompanion/core/screen/cv2_lite.py) has no {what}: the on-screen "
                               "text reader never needs it; install opencv-python-headless for it")


# --- colour, arithmetic, borders -------------------------------------------------------------------------------

def cvtColor(src: Array, code: int, dst: Array | None = None) -> Array:  # noqa: N802 - cv2's name
    """The channel conversions rapidocr asks for (to and from BGR); grey uses cv2's weights, rounded."""
    img = np.asarray(src)
    if code == COLOR_GRAY2BGR:
        grey = img[..., 0] if img.ndim == 3 else img
        return np.repeat(grey[..., None], 3, axis=2)
    if code == COLOR_BGR2RGB:
        return np.ascontiguousarray(img[..., 2::-1])
    if code == COLOR_BGRA2BGR:
        return np.ascontiguousarray(img[..., :3])
    if code == COLOR_RGBA2BGR:
        return np.ascontiguousarray(img[..., 2::-1])
    if code in (COLOR_BGR2BGRA, COLOR_BGR2RGBA):
        rgb = img if code == COLOR_BGR2BGRA else img[..., ::-1]
        alpha = np.full((*img.shape[:2], 1), 255 if img.dtype == np.uint8 else 1, dtype=img.dtype)
        return np.concatenate([rgb, alpha], axis=2)
    if code in (COLOR_BGR2GRAY, COLOR_RGB2GRAY):
        b, g, r = (img[..., 0], img[..., 1], img[..., 2]) if code == COLOR_BGR2GRAY else \
            (img[..., 2], img[..., 1], img[..., 0])
        grey_f = 0.114 * b.astype(np.float64) + 0.587 * g + 0.299 * r
        return np.clip(np.rint(grey_f), 0, 255).astype(img.dtype) if img.dtype == np.uint8 else \
            grey_f.astype(img.dtype)
    raise _unsupported(f"cvtColor code {code}")


def _saturate(values: Array, dtype: npt.DTypeLike) -> Array:
    kind = np.dtype(dtype)
    if kind.kind in "ui":
        info = np.iinfo(kind)
        return np.clip(np.rint(values) if values.dtype.kind == "f" else values, info.min, info.max).astype(kind)
    return values.astype(kind)


def bitwise_not(src: Array, dst: Array | None = None, mask: Array | None = None) -> Array:
    out = np.invert(np.asarray(src))
    if mask is not None:
        out = np.where(_mask_like(mask, out), out, 0).astype(out.dtype)
    return np.asarray(out)


def _mask_like(mask: Array, like: Array) -> Array:
    m = np.asarray(mask) != 0
    return np.asarray(m[..., None] if like.ndim == 3 and m.ndim == 2 else m)


def bitwise_and(src1: Array, src2: Array, dst: Array | None = None, mask: Array | None = None) -> Array:
    out = np.bitwise_and(np.asarray(src1), np.asarray(src2))
    if mask is not None:
        out = np.where(_mask_like(mask, out), out, 0).astype(out.dtype)
    return np.asarray(out)


def add(src1: Array, src2: Array, dst: Array | None = None, mask: Array | None = None) -> Array:
    """Saturating addition, as cv2.add."""
    a = np.asarray(src1)
    total = a.astype(np.int64) + np.asarray(src2).astype(np.int64) if a.dtype.kind in "ui" else a + np.asarray(src2)
    out = _saturate(total, a.dtype)
    if mask is not None:
        out = np.where(_mask_like(mask, out), out, 0).astype(out.dtype)
    return out


def rotate(src: Array, rotateCode: int) -> Array:  # noqa: N803 - cv2's name
    img = np.asarray(src)
    if rotateCode == ROTATE_180:
        return np.ascontiguousarray(img[::-1, ::-1])
    if rotateCode == ROTATE_90_CLOCKWISE:
        return np.ascontiguousarray(np.rot90(img, -1))
    if rotateCode == ROTATE_90_COUNTERCLOCKWISE:
        return np.ascontiguousarray(np.rot90(img, 1))
    raise ValueError(f"unknown rotateCode {rotateCode}")


def copyMakeBorder(src: Array, top: int, bottom: int, left: int, right: int,  # noqa: N802 - cv2's name
                   borderType: int, dst: Array | None = None, value: Any = None) -> Array:  # noqa: N803
    img = np.asarray(src)
    pads: list[tuple[int, int]] = [(top, bottom), (left, right)] + [(0, 0)] * (img.ndim - 2)
    if borderType == BORDER_REPLICATE:
        return np.pad(img, pads, mode="edge")
    if borderType != BORDER_CONSTANT:
        raise _unsupported(f"border type {borderType}")
    out = np.pad(img, pads, mode="constant")
    if value is not None:
        fill = np.broadcast_to(np.asarray(value, dtype=np.float64).ravel()[: img.shape[2] if img.ndim == 3 else 1],
                               (img.shape[2],) if img.ndim == 3 else (1,))
        if np.any(fill != 0):
            frame = np.ones(out.shape[:2], dtype=bool)
            frame[top: top + img.shape[0], left: left + img.shape[1]] = False
            out[frame] = fill.astype(img.dtype) if img.ndim == 3 else fill[0]
    return out


def invert(src: Array, dst: Array | None = None, flags: int = 0) -> tuple[float, Array]:
    """(1.0, inverse) or (0.0, zeros) for a singular matrix, as cv2.invert with DECOMP_LU."""
    m = np.asarray(src, dtype=np.float64)
    try:
        return 1.0, np.linalg.inv(m)
    except np.linalg.LinAlgError:
        return 0.0, np.zeros_like(m)


def mean(src: Array, mask: Array | None = None) -> tuple[float, float, float, float]:
    """Per-channel mean where mask != 0 (all four zero when the mask is empty), as cv2.mean."""
    img = np.asarray(src, dtype=np.float64)
    chans = img.reshape(img.shape[0], img.shape[1], -1) if img.ndim >= 2 else img.reshape(-1, 1, 1)
    values = chans.reshape(-1, chans.shape[2]) if mask is None else chans[np.asarray(mask) != 0]
    if values.shape[0] == 0:
        return 0.0, 0.0, 0.0, 0.0
    means = [float(v) for v in values.mean(axis=0)[:4]] + [0.0] * 4
    return means[0], means[1], means[2], means[3]


def dilate(src: Array, kernel: Array, dst: Array | None = None, anchor: tuple[int, int] | None = None,
           iterations: int = 1, borderType: int = BORDER_CONSTANT, borderValue: Any = None) -> Array:  # noqa: N803
    """Grey dilation by a flat kernel: the max over the kernel's nonzero cells (cv2's anchor: its centre)."""
    img = np.asarray(src)
    k = np.asarray(kernel) != 0
    kh, kw = k.shape[:2]
    ax, ay = (kw // 2, kh // 2) if anchor is None or anchor[0] < 0 else anchor
    out = img
    for _ in range(max(1, iterations)):
        base = out
        acc = np.zeros_like(base) if base.dtype.kind in "ui" else np.full_like(base, -np.inf)
        hgt, wid = base.shape[:2]
        for i, j in zip(*np.nonzero(k), strict=True):
            dy, dx = int(i) - ay, int(j) - ax  # dst(y, x) takes src(y + dy, x + dx)
            ys, ye = max(0, -dy), min(hgt, hgt - dy)
            xs, xe = max(0, -dx), min(wid, wid - dx)
            if ys < ye and xs < xe:
                np.maximum(acc[ys:ye, xs:xe], base[ys + dy: ye + dy, xs + dx: xe + dx], out=acc[ys:ye, xs:xe])
        out = acc
    return out


def fillPoly(img: Array, pts: Any, color: Any, lineType: int = LINE_8, shift: int = 0,  # noqa: N802, N803
             offset: tuple[int, int] = (0, 0)) -> Array:
    """Fill polygons in place (interior and outline, as cv2 draws them); a single-channel image only."""
    if shift:
        raise _unsupported("fillPoly with shift")
    target = img
    if target.ndim != 2:
        raise _unsupported("fillPoly on a colour image")
    canvas = Image.new("L", (target.shape[1], target.shape[0]), 0)
    draw = ImageDraw.Draw(canvas)
    polys = [np.asarray(p).reshape(-1, 2) for p in (pts if isinstance(pts, (list, tuple)) else np.asarray(pts))]
    for poly in polys:
        xy = [(int(x) + offset[0], int(y) + offset[1]) for x, y in poly]
        if len(xy) == 1:
            draw.point(xy, fill=1)
        elif len(xy) >= 2:
            draw.polygon(xy, fill=1)
            draw.line([*xy, xy[0]], fill=1, width=1)  # cv2 draws the outline too (8-connected lines)
    value = float(np.asarray(color, dtype=np.float64).ravel()[0])
    target[np.asarray(canvas) != 0] = value
    return target


# --- geometry ----------------------------------------------------------------------------------------------------

def getPerspectiveTransform(src: Array, dst: Array, solveMethod: int = 0) -> Array:  # noqa: N802, N803
    """The 3x3 homography taking the four src points to the four dst points (cv2's 8x8 system, solved by LU)."""
    s = np.asarray(src, dtype=np.float64).reshape(4, 2)
    d = np.asarray(dst, dtype=np.float64).reshape(4, 2)
    a = np.zeros((8, 8))
    b = np.zeros(8)
    for i in range(4):
        (x, y), (u, v) = s[i], d[i]
        a[i] = (x, y, 1, 0, 0, 0, -x * u, -y * u)
        a[i + 4] = (0, 0, 0, x, y, 1, -x * v, -y * v)
        b[i], b[i + 4] = u, v
    return np.append(np.linalg.solve(a, b), 1.0).reshape(3, 3)


def _hull(points: Array) -> Array:
    """Convex hull (monotone chain) of integer or float points (N, 2), counter-clockwise in image coordinates."""
    pts = np.unique(np.asarray(points, dtype=np.float64).reshape(-1, 2), axis=0)  # sorted by x, then y
    if len(pts) <= 2:
        return pts

    def chain(seq: Array) -> list[Array]:
        out: list[Array] = []
        for p in seq:
            while len(out) >= 2:
                o, a = out[-2], out[-1]
                if (a[0] - o[0]) * (p[1] - o[1]) - (a[1] - o[1]) * (p[0] - o[0]) <= 0:
                    out.pop()
                else:
                    break
            out.append(p)
        return out

    lower, upper = chain(pts), chain(pts[::-1])
    return np.array(lower[:-1] + upper[:-1])


def minAreaRect(points: Any) -> tuple[tuple[float, float], tuple[float, float], float]:  # noqa: N802
    """The smallest rectangle around the points, as cv2 5 gives it: ((cx, cy), (w, h), angle), angle in
    [-90, 0) degrees and w measured along it."""
    hull = _hull(np.asarray(points))
    if len(hull) == 0:
        return (0.0, 0.0), (0.0, 0.0), 0.0
    if len(hull) == 1:
        return (float(hull[0, 0]), float(hull[0, 1])), (0.0, 0.0), 0.0
    edges = np.roll(hull, -1, axis=0) - hull
    lengths = np.hypot(edges[:, 0], edges[:, 1])
    keep = lengths > 0
    u = edges[keep] / lengths[keep, None]
    n = np.stack([-u[:, 1], u[:, 0]], axis=1)
    pu, pn = hull @ u.T, hull @ n.T  # (points, edges)
    wu, wn = pu.max(axis=0) - pu.min(axis=0), pn.max(axis=0) - pn.min(axis=0)
    best = int(np.argmin(wu * wn))
    uu, nn = u[best], n[best]
    cu = (pu[:, best].max() + pu[:, best].min()) / 2
    cn = (pn[:, best].max() + pn[:, best].min()) / 2
    centre = uu * cu + nn * cn
    side_u, side_n = float(wu[best]), float(wn[best])
    angle_u = float(np.degrees(np.arctan2(uu[1], uu[0])))
    # the edge direction that falls in [-90, 0) (mod 180) is the width's
    a = (angle_u + 90.0) % 180.0 - 90.0
    if -90.0 <= a < 0.0:
        angle, size = a, (side_u, side_n)
    else:
        angle, size = a - 90.0, (side_n, side_u)
    if abs(angle - round(angle)) < 1e-9:
        angle = float(round(angle))
    f32 = np.float32
    return ((float(f32(centre[0])), float(f32(centre[1]))), (float(f32(size[0])), float(f32(size[1]))),
            float(f32(angle)))


def boxPoints(box: tuple[tuple[float, float], tuple[float, float], float], points: Array | None = None) -> Array:  # noqa: N802
    """The rectangle's four corners, float32 (4, 2), in cv2's order (RotatedRect::points)."""
    (cx, cy), (w, h), angle = box
    rad = np.float64(angle) * np.pi / 180.0
    b = np.float32(np.cos(rad)) * np.float32(0.5)
    a = np.float32(np.sin(rad)) * np.float32(0.5)
    cx32, cy32, w32, h32 = np.float32(cx), np.float32(cy), np.float32(w), np.float32(h)
    p0 = (cx32 - a * h32 - b * w32, cy32 + b * h32 - a * w32)
    p1 = (cx32 + a * h32 - b * w32, cy32 - b * h32 - a * w32)
    p2 = (2 * cx32 - p0[0], 2 * cy32 - p0[1])
    p3 = (2 * cx32 - p1[0], 2 * cy32 - p1[1])
    return np.array([p0, p1, p2, p3], dtype=np.float32)


def findContours(image: Array, mode: int, method: int, contours: Any = None,  # noqa: N802
                 hierarchy: Any = None, offset: tuple[int, int] = (0, 0)) -> tuple[tuple[Array, ...], Array | None]:
    """One contour per 8-connected component of nonzero pixels (its convex hull, int32 (N, 1, 2)), in cv2's order,
    and a flat hierarchy; see the module docstring for where this differs from cv2."""
    if mode not in (RETR_LIST, RETR_EXTERNAL):
        raise _unsupported(f"findContours mode {mode} (only RETR_LIST, RETR_EXTERNAL)")
    outlines = _component_points(np.asarray(image) != 0)
    shifted = tuple(
        np.ascontiguousarray((_image_order(o) + np.asarray(offset, dtype=np.int32)).reshape(-1, 1, 2),
                             dtype=np.int32)
        for o in reversed(outlines)
    )
    if not shifted:
        return (), None
    count = len(shifted)
    nxt = np.arange(1, count + 1, dtype=np.int32)
    nxt[-1] = -1
    prev = np.arange(-1, count - 1, dtype=np.int32)
    hier = np.stack([nxt, prev, np.full(count, -1, np.int32), np.full(count, -1, np.int32)], axis=1)
    return shifted, hier[None]


def _component_points(fg: Array) -> list[Array]:
    """For each 8-connected component of `fg` (bool, H x W), in raster order of its first pixel: the (x, y) of
    the first and last pixel of each of its rows (enough for its convex hull). Run-length labelling: runs in
    adjacent rows that touch (diagonals included) are joined by a vectorised union-find."""
    h, w = fg.shape
    if h == 0 or w == 0 or not fg.any():
        return []
    padded = np.zeros((h, w + 2), dtype=np.int8)
    padded[:, 1:-1] = fg
    step = np.diff(padded, axis=1)
    rows, starts = np.nonzero(step == 1)  # row-major, so starts and ends pair up
    _, ends = np.nonzero(step == -1)
    ends = ends - 1  # inclusive
    stride = w + 2
    start_key, end_key = rows * stride + starts, rows * stride + ends
    # runs of the next row touching run i: end >= start_i - 1 and start <= end_i + 1
    lo = np.searchsorted(end_key, (rows + 1) * stride + starts - 1, side="left")
    hi = np.searchsorted(start_key, (rows + 1) * stride + ends + 1, side="right")
    counts = np.maximum(hi - lo, 0)
    total = int(counts.sum())
    parent = np.arange(rows.size)
    if total:
        src = np.repeat(np.arange(rows.size), counts)
        first = np.repeat(np.cumsum(counts) - counts, counts)
        dst = np.repeat(lo, counts) + (np.arange(total) - first)
        while True:
            ra, rb = parent[src], parent[dst]
            if np.array_equal(ra, rb):
                break
            low = np.minimum(ra, rb)
            np.minimum.at(parent, ra, low)  # hook each root onto the smaller one (parent[i] <= i always)
            np.minimum.at(parent, rb, low)
            while True:  # pointer jumping until every run points at its root
                jumped = parent[parent]
                if np.array_equal(jumped, parent):
                    break
                parent = jumped
    order = np.lexsort((rows, parent))  # by component (root = its first run in raster order), then row
    lab, r_s, s_s, e_s = parent[order], rows[order], starts[order], ends[order]
    key = lab.astype(np.int64) * (h + 1) + r_s
    cut = np.flatnonzero(np.diff(key)) + 1
    heads = np.concatenate([[0], cut])
    row_lab, row_y = lab[heads], r_s[heads]
    row_min, row_max = np.minimum.reduceat(s_s, heads), np.maximum.reduceat(e_s, heads)
    comp_cut = np.flatnonzero(np.diff(row_lab)) + 1
    out: list[Array] = []
    for idx in np.split(np.arange(row_lab.size), comp_cut):
        ys = row_y[idx]
        out.append(np.concatenate([np.stack([row_min[idx], ys], axis=1), np.stack([row_max[idx], ys], axis=1)]))
    return out


def _image_order(points: Array) -> Array:
    """Hull points starting at the topmost-leftmost one, going down its left side first (cv2's direction)."""
    hull = _hull(points)
    if len(hull) <= 2:
        start = np.lexsort((hull[:, 0], hull[:, 1]))[0] if len(hull) else 0
        return np.roll(hull, -int(start), axis=0).astype(np.int32)
    x, y = hull[:, 0], hull[:, 1]
    signed = float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))
    if signed > 0:
        hull = hull[::-1]
    start = int(np.lexsort((hull[:, 0], hull[:, 1]))[0])
    return np.roll(hull, -start, axis=0).astype(np.int32)


# --- resampling ----------------------------------------------------------------------------------------------------

def _linear_taps(dsize: int, ssize: int) -> tuple[Array, Array, Array, Array]:
    """cv2's INTER_LINEAR source indices and 11-bit weights along one axis."""
    scale = ssize / dsize
    f = ((np.arange(dsize, dtype=np.float64) + 0.5) * scale - 0.5).astype(np.float32)
    s = np.floor(f).astype(np.int64)
    f = (f - s.astype(np.float32)).astype(np.float32)
    low = s < 0
    f[low], s[low] = 0, 0
    high = s >= ssize - 1
    f[high], s[high] = 0, ssize - 1
    w1 = np.rint(f * np.float32(_COEF_ONE)).astype(np.int32)
    w0 = np.rint((np.float32(1) - f) * np.float32(_COEF_ONE)).astype(np.int32)
    return s, np.minimum(s + 1, ssize - 1), w0, w1


def _resize_linear_u8(img: Array, dw: int, dh: int) -> Array:
    sh, sw = img.shape[:2]
    y0, y1, b0, b1 = _linear_taps(dh, sh)
    x0, x1, a0, a1 = _linear_taps(dw, sw)
    rows, inverse = np.unique(np.concatenate([y0, y1]), return_inverse=True)
    src = img[rows]
    extra = (None,) * (img.ndim - 2)
    ax0, ax1 = a0[(slice(None), *extra)], a1[(slice(None), *extra)]
    left = np.take(src, x0, axis=1).astype(np.int32)  # gathered as uint8, widened after
    right = np.take(src, x1, axis=1).astype(np.int32)
    left *= ax0
    right *= ax1
    horiz = left + right  # (rows, dw[, c]) in 2^11 units
    horiz >>= 4
    h0, h1 = horiz[inverse[:dh]], horiz[inverse[dh:]]
    h0 *= b0[(slice(None), None, *extra)]
    h1 *= b1[(slice(None), None, *extra)]
    h0 >>= 16
    h1 >>= 16
    h0 += h1
    h0 += 2
    out = h0 >> 2  # cv2's SIMD vertical pass (v_mul_hi, rounding shift by 2)
    return np.asarray(np.clip(out, 0, 255), dtype=np.uint8)


def _cubic_weights(f: Array) -> Array:
    a = np.float32(_CUBIC_A)
    f = f.astype(np.float32)
    c0 = ((a * (f + 1) - 5 * a) * (f + 1) + 8 * a) * (f + 1) - 4 * a
    c1 = ((a + 2) * f - (a + 3)) * f * f + 1
    c2 = ((a + 2) * (1 - f) - (a + 3)) * (1 - f) * (1 - f) + 1
    return np.stack([c0, c1, c2, 1 - c0 - c1 - c2], axis=-1).astype(np.float32)


def _resize_float(img: Array, dw: int, dh: int, interpolation: int) -> Array:
    """Separable float resize with cv2's mapping (INTER_NEAREST, INTER_CUBIC, or INTER_LINEAR for non-uint8)."""
    out = img.astype(np.float64)
    for axis, (dsize, ssize) in enumerate(((dh, img.shape[0]), (dw, img.shape[1]))):
        pos = (np.arange(dsize) + 0.5) * (ssize / dsize) - 0.5
        if interpolation == INTER_NEAREST:
            idx = np.minimum(np.floor(np.arange(dsize) * (ssize / dsize)).astype(np.int64), ssize - 1)
            out = np.take(out, idx, axis=axis)
            continue
        base = np.floor(pos).astype(np.int64)
        frac = pos - base
        if interpolation == INTER_CUBIC:
            taps, weights = base[:, None] + np.arange(-1, 3), _cubic_weights(frac).astype(np.float64)
        else:
            low, high = base < 0, base >= ssize - 1
            frac[low | high] = 0
            base = np.clip(base, 0, ssize - 1)
            taps, weights = base[:, None] + np.arange(2), np.stack([1 - frac, frac], axis=1)
        taps = np.clip(taps, 0, ssize - 1)
        gathered = np.take(out, taps, axis=axis)  # the tap axis comes right after `axis`
        shape = [1] * gathered.ndim
        shape[axis], shape[axis + 1] = weights.shape
        out = (gathered * weights.reshape(shape)).sum(axis=axis + 1)
    return _saturate(out, img.dtype)


def resize(src: Array, dsize: Sequence[int] | None, dst: Array | None = None, fx: float = 0.0, fy: float = 0.0,
           interpolation: int = INTER_LINEAR) -> Array:
    """cv2.resize for INTER_LINEAR (bit-close to cv2 on uint8), INTER_CUBIC and INTER_NEAREST."""
    img = np.asarray(src)
    sh, sw = img.shape[:2]
    if dsize is None or tuple(dsize) == (0, 0):
        dw, dh = round(sw * fx), round(sh * fy)
    else:
        dw, dh = int(dsize[0]), int(dsize[1])
    if dw <= 0 or dh <= 0 or sw <= 0 or sh <= 0:
        raise ValueError(f"resize: bad sizes {img.shape[:2]} -> {(dh, dw)}")
    if (dw, dh) == (sw, sh):
        return img.copy()
    if interpolation not in (INTER_NEAREST, INTER_LINEAR, INTER_CUBIC):
        raise _unsupported(f"resize interpolation {interpolation}")
    if interpolation == INTER_LINEAR and img.dtype == np.uint8:
        return _resize_linear_u8(img, dw, dh)
    return _resize_float(img, dw, dh, interpolation)


def warpPerspective(src: Array, M: Array, dsize: Sequence[int], dst: Array | None = None,  # noqa: N802, N803
                    flags: int = INTER_LINEAR, borderMode: int = BORDER_CONSTANT,  # noqa: N803
                    borderValue: Any = 0) -> Array:  # noqa: N803
    """cv2.warpPerspective (INTER_LINEAR / INTER_CUBIC; BORDER_REPLICATE or BORDER_CONSTANT), sampling at float
    source coordinates as OpenCV 5 does (its 4.x tables rounded them to 1/32 pixel)."""
    img = np.asarray(src)
    interpolation = flags & 7
    if interpolation not in (INTER_LINEAR, INTER_CUBIC, INTER_NEAREST):
        raise _unsupported(f"warpPerspective interpolation {interpolation}")
    if borderMode not in (BORDER_REPLICATE, BORDER_CONSTANT):
        raise _unsupported(f"warpPerspective border {borderMode}")
    m = np.asarray(M, dtype=np.float64)
    if not flags & WARP_INVERSE_MAP:
        m = np.asarray(np.linalg.inv(m), dtype=np.float64)
    dw, dh = int(dsize[0]), int(dsize[1])
    xs, ys = np.meshgrid(np.arange(dw, dtype=np.float64), np.arange(dh, dtype=np.float64))
    w = m[2, 0] * xs + m[2, 1] * ys + m[2, 2]
    w = np.where(w != 0, 1.0 / np.where(w != 0, w, 1.0), 0.0)
    fx = (m[0, 0] * xs + m[0, 1] * ys + m[0, 2]) * w
    fy = (m[1, 0] * xs + m[1, 1] * ys + m[1, 2]) * w
    sh, sw = img.shape[:2]
    if interpolation == INTER_NEAREST:
        fx, fy = np.rint(fx), np.rint(fy)
    for f in (fx, fy):  # solving for M leaves ~1e-13 of noise: a box's whole-pixel map stays whole pixels
        near = np.rint(f)
        np.copyto(f, near, where=np.abs(f - near) < 1e-6)
    ix, iy = np.floor(fx).astype(np.int64), np.floor(fy).astype(np.int64)
    fx, fy = (fx - ix).ravel(), (fy - iy).ravel()
    if not fx.any() and not fy.any():  # whole pixels (an axis-aligned crop): a copy, no weights
        out = img[np.clip(iy, 0, sh - 1), np.clip(ix, 0, sw - 1)]
        if borderMode == BORDER_CONSTANT:
            outside = (ix < 0) | (ix >= sw) | (iy < 0) | (iy >= sh)
            out[outside] = borderValue if np.isscalar(borderValue) else np.asarray(borderValue)[: out.shape[-1]]
        return np.asarray(out)
    if interpolation == INTER_CUBIC:
        wx, wy, first = _cubic_weights(fx).astype(np.float64), _cubic_weights(fy).astype(np.float64), -1
    else:
        wx, wy, first = np.stack([1 - fx, fx], axis=1), np.stack([1 - fy, fy], axis=1), 0
    k = wx.shape[1]
    chans = img.reshape(sh, sw, -1)
    if borderMode == BORDER_CONSTANT:  # a frame of the border value wide enough for every tap
        fill = np.broadcast_to(np.asarray(borderValue, dtype=np.float64).ravel()[: chans.shape[2]],
                               (chans.shape[2],)).astype(chans.dtype)
        padded = np.empty((sh + 2 * k, sw + 2 * k, chans.shape[2]), dtype=chans.dtype)
        padded[:] = fill
        padded[k:-k, k:-k] = chans
        chans, ix, iy = padded, ix + k, iy + k
    ph, pw, nc = chans.shape
    taps = np.arange(first, first + k, dtype=np.int32)
    rows = np.clip(iy.reshape(-1, 1).astype(np.int32) + taps, 0, ph - 1)  # (n, k): replicate = clamp
    cols = np.clip(ix.reshape(-1, 1).astype(np.int32) + taps, 0, pw - 1)
    where = ((rows * (pw * nc))[:, :, None] + (cols * nc)[:, None, :]).reshape(rows.shape[0], k * k)
    kern = (wy.astype(np.float32)[:, :, None] * wx.astype(np.float32)[:, None, :]).reshape(-1, k * k)
    flat = chans.ravel()
    acc = np.stack([np.einsum("nk,nk->n", np.take(flat, where + c).astype(np.float32), kern) for c in range(nc)],
                   axis=1)
    out = _saturate(acc, img.dtype)
    return out.reshape((dh, dw, *img.shape[2:]))


# --- files (other input kinds rapidocr accepts; not reached on frames) ------------------------------------------

def _to_bgr(pil: Image.Image, flags: int) -> Array:
    if flags == IMREAD_GRAYSCALE:
        return np.asarray(pil.convert("L")).copy()
    if flags == IMREAD_UNCHANGED and pil.mode in ("L", "RGBA"):
        arr = np.asarray(pil).copy()
        return arr if arr.ndim == 2 else np.ascontiguousarray(arr[..., [2, 1, 0, 3]])
    return np.ascontiguousarray(np.asarray(pil.convert("RGB"))[..., ::-1])


def imdecode(buf: Array, flags: int) -> Array | None:
    try:
        with Image.open(io.BytesIO(np.asarray(buf, dtype=np.uint8).tobytes())) as pil:
            return _to_bgr(pil, flags)
    except Exception:  # noqa: BLE001 - cv2.imdecode answers None for data it cannot decode
        return None


def imread(filename: str, flags: int = IMREAD_COLOR) -> Array | None:
    try:
        with Image.open(filename) as pil:
            return _to_bgr(pil, flags)
    except Exception:  # noqa: BLE001 - cv2.imread answers None for a file it cannot read
        return None


def _pil_from(img: Array) -> Image.Image:
    arr = np.asarray(img)
    if arr.ndim == 3 and arr.shape[2] == 3:
        return Image.fromarray(np.ascontiguousarray(arr[..., ::-1]))
    if arr.ndim == 3 and arr.shape[2] == 4:
        return Image.fromarray(np.ascontiguousarray(arr[..., [2, 1, 0, 3]]))
    return Image.fromarray(arr.reshape(arr.shape[:2]))


def imencode(ext: str, img: Array, params: Any = None) -> tuple[bool, Array]:
    out = io.BytesIO()
    fmt = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".bmp": "BMP", ".webp": "WEBP"}.get(ext.lower())
    if fmt is None:
        raise _unsupported(f"image format {ext!r}")
    _pil_from(img).save(out, format=fmt)
    return True, np.frombuffer(out.getvalue(), dtype=np.uint8)


def imwrite(filename: str, img: Array, params: Any = None) -> bool:
    ok, data = imencode(Path(filename).suffix, img)
    Path(filename).write_bytes(data.tobytes())
    return ok


def putText(*args: Any, **kwargs: Any) -> Array:  # noqa: N802 - cv2's name
    raise _unsupported("putText (rapidocr's visualisation)")


def polylines(*args: Any, **kwargs: Any) -> Array:
    raise _unsupported("polylines (rapidocr's visualisation)")
