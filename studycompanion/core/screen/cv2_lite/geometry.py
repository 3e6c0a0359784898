"""cv2-lite's geometry: polygons, the perspective transform, minimum-area rectangles and contours."""

from __future__ import annotations

from typing import Any

import numpy as np

from studycompanion.core.screen.cv2_lite._base import (
    RETR_EXTERNAL,
    RETR_LIST,
    Array,
    _unsupported,
)


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


