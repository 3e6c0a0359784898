"""What the clip view says about a clip's state: its status line, and what empty tabs and a missing player say."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from studycompanion.core.db.tables import Video
from studycompanion.core.types import VideoStatus
from studycompanion.ui.common.i18n import QT_TRANSLATE_NOOP

STATUS_TEXT = {  # English source texts, marked for lupdate: show them through status_text()
    VideoStatus.QUEUED: QT_TRANSLATE_NOOP("ClipTexts", "Waiting to download"),
    VideoStatus.DOWNLOADING: QT_TRANSLATE_NOOP("ClipTexts", "Downloading…"),
    VideoStatus.READY: QT_TRANSLATE_NOOP("ClipTexts", "Not transcribed yet"),
    VideoStatus.TRANSCRIBED: QT_TRANSLATE_NOOP("ClipTexts", "Transcribed"),
    VideoStatus.CARDS: QT_TRANSLATE_NOOP("ClipTexts", "Cards ready"),
    VideoStatus.FAILED: QT_TRANSLATE_NOOP("ClipTexts", "Failed"),
}
_BEFORE_TRANSCRIPT = (VideoStatus.QUEUED, VideoStatus.DOWNLOADING, VideoStatus.READY)


def status_text(status: VideoStatus) -> str:
    """The clip's state in the user's language ('' for a state with no text)."""
    return QCoreApplication.translate("ClipTexts", STATUS_TEXT[status]) if status in STATUS_TEXT else ""


def missing_media_text(video: Video) -> str:
    """What the player shows while the clip has no media to play."""
    return status_text(video.status) if video.status != VideoStatus.FAILED else \
        QCoreApplication.translate("ClipTexts", "Download failed: {error}").format(error=video.error)


def transcript_placeholder(video: Video, has_screen_text: bool) -> str:
    """What the Transcript tab says while the clip has no lines to show."""
    if video.status in _BEFORE_TRANSCRIPT:
        return QCoreApplication.translate("ClipTexts", "The transcript appears here when transcription has finished.")
    if has_screen_text:
        return QCoreApplication.translate("ClipTexts", "No speech was found in this clip. What it shows is listed "
                                                       "under “On screen”.")
    return QCoreApplication.translate("ClipTexts", "No speech was found in this clip.")


def keypoints_empty_text(video: Video, has_transcript: bool) -> str:
    """What the Key points tab says while it lists nothing."""
    translate = QCoreApplication.translate
    if not has_transcript:
        if video.status in _BEFORE_TRANSCRIPT:
            return translate("ClipTexts", "Key points appear here once the clip is transcribed.")
        return translate("ClipTexts", "No speech was found in this clip, so there are no key points.")
    if video.status == VideoStatus.CARDS:
        return translate("ClipTexts", "No key points were found in this transcript.")
    return translate("ClipTexts", "No key points yet. “Make cards” on the Cards tab finds them and drafts cards.")
