"""cv2-lite: the small part of OpenCV that rapidocr calls, on numpy and Pillow, so the bundle ships no OpenCV.

Why: rapidocr 3.x imports `cv2` in most of its modules, and opencv-python-headless costs the desktop bundle about
120 MiB (cv2/ plus its .libs, 39 MiB of that OpenBLAS) for a handful of image operations; the app itself never calls
cv2. engine.py puts this package in `sys.modules["cv2"]` when `import cv2` fails (the bundle), or when the
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

from studycompanion.core.screen.cv2_lite._base import *  # noqa: F403 - cv2's constants
from studycompanion.core.screen.cv2_lite._base import __version__  # noqa: F401
from studycompanion.core.screen.cv2_lite.geometry import (  # noqa: F401
    boxPoints,
    findContours,
    getPerspectiveTransform,
    minAreaRect,
)
from studycompanion.core.screen.cv2_lite.pixels import (  # noqa: F401
    add,
    bitwise_and,
    bitwise_not,
    copyMakeBorder,
    cvtColor,
    dilate,
    fillPoly,
    imdecode,
    imencode,
    imread,
    imwrite,
    invert,
    mean,
    polylines,
    putText,
    rotate,
)
from studycompanion.core.screen.cv2_lite.resampling import (  # noqa: F401
    resize,
    warpPerspective,
)
