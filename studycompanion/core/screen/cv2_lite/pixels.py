"""cv2-lite's pixel operations: colour conversion, arithmetic, borders, dilation, and image files."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from studycompanion.core.screen.cv2_lite._base import (
    BORDER_CONSTANT,
    BORDER_REPLICATE,
    COLOR_BGR2BGRA,
    COLOR_BGR2GRAY,
    COLOR_BGR2RGB,
    COLOR_BGR2RGBA,
    COLOR_BGRA2BGR,
    COLOR_GRAY2BGR,
    COLOR_RGB2GRAY,
    COLOR_RGBA2BGR,
    IMREAD_COLOR,
    IMREAD_GRAYSCALE,
    IMREAD_UNCHANGED,
    LINE_8,
    ROTATE_90_CLOCKWISE,
    ROTATE_90_COUNTERCLOCKWISE,
    ROTATE_180,
    Array,
    _saturate,
    _unsupported,
)


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
