"""cv2-lite's resampling: resize (OpenCV's fixed-point INTER_LINEAR) and warpPerspective."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from studycompanion.core.screen.cv2_lite._base import (
    _COEF_ONE,
    _CUBIC_A,
    BORDER_CONSTANT,
    BORDER_REPLICATE,
    INTER_CUBIC,
    INTER_LINEAR,
    INTER_NEAREST,
    WARP_INVERSE_MAP,
    Array,
    _saturate,
    _unsupported,
)


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


