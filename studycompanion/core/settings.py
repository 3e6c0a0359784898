"""User settings: a dataclass persisted as JSON in the data folder (cookies are never stored in the database)."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass
class Settings:
    # transcription
    model: str = "base"  # the default by bench/medical_asr.py; tiny.en (bundled too) is the fallback
    language: str = "auto"  # "auto" or a language code such as "en"
    compute_type: str = "int8"
    device: str = "auto"  # auto / cpu / cuda
    threads: int = 0  # 0 = physical cores
    vad: bool = True
    # on-screen text: read the clip's text overlays (OCR, local) before transcribing it
    screen_text: bool = True
    # the window: "system" (follow the desktop's light or dark), "light" or "dark"
    appearance: str = "system"
    # cards
    card_cloze: bool = True
    card_basic: bool = True
    card_media: bool = True
    default_deck: str = "StudyCompanion"
    # Anki note type and decks (core/anki/notetypes.py): "ours", "anki" (Anki's own Cloze and Basic) or "custom"
    anki_note_type: str = "ours"
    anki_custom_name: str = ""  # the student's note type, e.g. "AnKingOverhaul"
    anki_custom_id: int = 0  # its id in their collection (for .apkg files; AnkiConnect goes by name)
    anki_custom_fields: list[str] = field(default_factory=list)  # its fields, in order
    anki_custom_templates: list[str] = field(default_factory=list)  # its card templates' names (default: Cloze)
    anki_custom_cloze: bool = True  # a cloze note type (basic cards then become "question {{c1::answer}}")
    anki_field_map: dict[str, str] = field(default_factory=dict)  # ours -> theirs: {"Source": "Sources"}
    anki_deck_per_tag: bool = False  # one deck (default_deck) with hierarchical tags; or a deck per tag
    # optional LLM provider (off: nothing is sent anywhere)
    llm_enabled: bool = False
    llm_url: str = "http://127.0.0.1:11434/v1"
    llm_model: str = ""
    llm_key: str = ""
    # capture
    cookies_browser: str = ""  # e.g. "firefox"; empty = none
    cookies_file: str = ""  # a cookies.txt path; empty = none
    download_concurrency: int = 2
    capture_max_height: int = 1080  # prefer a single-file mp4 up to this height
    capture_retries: int = 5  # reconnects per download (each resumes where the last stopped)
    capture_timeout: int = 20  # seconds without an answer before a link counts as unreachable
    watch_folder: str = ""  # media saved here are added on their own, once each (core/capture/watch_folder.py)
    # AnkiConnect
    ankiconnect_url: str = "http://127.0.0.1:8765"
    # review sessions (our own FSRS schedule; Anki keeps its own)
    review_retention: float = 0.9  # FSRS desired retention
    review_session_cards: int = 30  # about ten minutes
    review_new_cards: int = 15  # at most this many never-seen cards per session
    review_include_drafts: bool = False  # quiz draft cards too (rejected ones never); off: accepted cards only
    review_new_per_day: int = 20  # daily limits, as Anki has: never-seen cards introduced per day
    review_reviews_per_day: int = 200  # ... and reviews of cards seen before, per day
    review_fuzz: bool = True  # spread due dates a little, as Anki does
    # anything a later version adds and this one does not know is kept as it was
    extra: dict[str, Any] = field(default_factory=dict)


class SettingsStore:
    """Loads and saves Settings atomically; unknown keys are kept, bad files fall back to defaults."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> Settings:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return Settings()
        except (OSError, ValueError) as exc:
            log.warning("settings file unreadable, using defaults: %s", exc)
            return Settings()
        if not isinstance(raw, dict):
            return Settings()
        known = {f.name: f for f in fields(Settings)}
        values: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        defaults = Settings()
        for key, value in raw.items():
            if key in known and key != "extra":
                default = getattr(defaults, key)
                if isinstance(default, bool) and not isinstance(value, bool):
                    continue
                if isinstance(default, (int, float, str)) and not isinstance(value, type(default)):
                    continue
                values[key] = value
            elif key != "extra":
                extra[key] = value
        return Settings(**values, extra=extra)

    def save(self, settings: Settings) -> None:
        data = asdict(settings)
        extra = data.pop("extra", {})
        data.update({k: v for k, v in extra.items() if k not in data})
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, indent=2, sort_keys=True)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
