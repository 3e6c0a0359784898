"""The OCR engine: RapidOCR on ONNX Runtime with the models that ship inside the rapidocr wheel (no download).

rapidocr 3.10 (Apache-2.0, RapidAI/RapidOCR) ships three models in its wheel, under rapidocr/models/:
PP-OCRv6_det_small.onnx (text detection), PP-OCRv6_rec_small.onnx (recognition; PP-OCRv6's one multilingual
model, English included) and ch_ppocr_mobile_v2.0_cls_mobile.onnx (180-degree line orientation). Every other
model it knows (the English-only PP-OCRv4/v5 recognisers, v6 tiny/medium) is downloaded on first use, which
this app never does: the paths are given explicitly, and a missing file is an error, not a download.

Only the on-screen text process (worker.py) builds one, so ONNX Runtime never runs in the app's interpreter
(creating its sessions holds the GIL for 80-120 ms); its models load on first use. It is not thread-safe
(RapidOCR keeps per-call options on the object), so one reader uses it at a time (a lock guards it).
rapidocr imports cv2, which the bundle does not ship: cv2_lite/ stands in for it where `import cv2` fails, or
everywhere when STUDYCOMPANION_CV2=lite (tests, bench/ocr.py --cv2 lite).
"""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from studycompanion.core.errors import UserError

DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"
CV2_ENV = "STUDYCOMPANION_CV2"  # "lite": rapidocr gets cv2_lite even where OpenCV is installed


@dataclass(frozen=True)
class OcrSettings:
    """How the engine runs. Defaults measured with bench/ocr.py on the tuning clips."""

    det_side: int = 736  # frames are scaled so their longer side is at most this before detection
    use_cls: bool = False  # overlays are upright; the orientation model costs time and flips nothing here
    min_score: float = 0.5  # RapidOCR drops lines it is less sure of than this
    threads: int = 1  # ONNX Runtime threads per call (the app shares 2 cores with the UI and transcription)


@dataclass(frozen=True)
class OcrRead:
    """One text line read from one image: pixel box (x0, y0, x1, y1) in that image and the model's score."""

    text: str
    score: float
    x0: float
    y0: float
    x1: float
    y1: float


def provide_cv2() -> None:
    """Make `import cv2` work for rapidocr: real OpenCV when installed, else (or when CV2_ENV says "lite") the
    stand-in. Call before rapidocr is first imported; a process that already imported it keeps what it got."""
    forced = os.environ.get(CV2_ENV, "").strip().lower() == "lite"
    if not forced:
        if "cv2" in sys.modules:
            return
        try:
            import cv2  # noqa: F401
            return
        except ImportError:
            pass
    import studycompanion.core.screen.cv2_lite as cv2_lite  # the submodule, not the package's namespace

    sys.modules["cv2"] = cv2_lite


def wheel_models_dir() -> Path:
    """Where the rapidocr wheel keeps its bundled models."""
    provide_cv2()
    import rapidocr

    return Path(rapidocr.__file__).resolve().parent / "models"


class OcrEngine:
    """Reads text lines from BGR images with the in-wheel PP-OCRv6 models."""

    def __init__(self, settings: OcrSettings | None = None, models_dir: Path | None = None) -> None:
        self.settings = settings or OcrSettings()
        folder = models_dir or wheel_models_dir()
        paths = {name: folder / name for name in (DET_MODEL, REC_MODEL, CLS_MODEL)}
        missing = [name for name, path in paths.items() if not path.is_file()]
        if missing:
            raise UserError(
                "The on-screen text models are missing from this installation; reinstall StudyCompanion.",
                f"not found in {folder}: {', '.join(missing)}",
            )
        threads = max(1, self.settings.threads)
        self._params: dict[str, Any] = {
            "Global.log_level": "error",
            "Global.text_score": self.settings.min_score,
            "Global.use_cls": self.settings.use_cls,
            "Global.model_root_dir": str(folder),
            "Det.model_path": str(paths[DET_MODEL]),
            "Det.limit_type": "max",
            "Det.limit_side_len": self.settings.det_side,
            "Rec.model_path": str(paths[REC_MODEL]),
            "Cls.model_path": str(paths[CLS_MODEL]),
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
        self._ocr: Any = None  # the models load on the first read (about 0.5 s), not when services are built
        self._lock = threading.Lock()

    def load(self) -> None:
        """Load the models now (otherwise the first read does)."""
        with self._lock:
            self._loaded()

    def _loaded(self) -> Any:
        if self._ocr is None:
            provide_cv2()  # models_dir given: wheel_models_dir() has not run
            from rapidocr import RapidOCR

            self._ocr = RapidOCR(params=self._params)
        return self._ocr

    def read(self, image_bgr: np.ndarray) -> list[OcrRead]:
        """Text lines in a BGR uint8 image (H x W x 3), in the model's order."""
        if image_bgr.ndim != 3 or image_bgr.shape[0] < 8 or image_bgr.shape[1] < 8:
            return []
        image = np.ascontiguousarray(image_bgr)
        with self._lock:
            # every option is passed on every call: RapidOCR keeps a call's options for the next one
            result = self._loaded()(image, use_det=True, use_cls=self.settings.use_cls, use_rec=True)
        texts = getattr(result, "txts", None)
        scores = getattr(result, "scores", None)
        boxes = getattr(result, "boxes", None)
        if not texts or scores is None or boxes is None:
            return []
        reads: list[OcrRead] = []
        for text, score, box in zip(texts, scores, boxes, strict=False):
            pts = np.asarray(box, dtype=np.float64).reshape(-1, 2)
            reads.append(
                OcrRead(
                    text=str(text),
                    score=float(score),
                    x0=float(pts[:, 0].min()),
                    y0=float(pts[:, 1].min()),
                    x1=float(pts[:, 0].max()),
                    y1=float(pts[:, 1].max()),
                )
            )
        return reads
