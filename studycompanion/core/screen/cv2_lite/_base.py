"""cv2-lite's shared pieces: cv2's constant values, the array type, saturation and the "not here" error."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

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
    return NotImplementedError(f"cv2-lite (studycompanion/core/screen/cv2_lite/) has no {what}: the on-screen "
                               "text reader never needs it; install opencv-python-headless for it")


def _saturate(values: Array, dtype: npt.DTypeLike) -> Array:
    kind = np.dtype(dtype)
    if kind.kind in "ui":
        info = np.iinfo(kind)
        return np.clip(np.rint(values) if values.dtype.kind == "f" else values, info.min, info.max).astype(kind)
    return values.astype(kind)
