"""What the clip view says about a clip's state: its status line, and what empty tabs and a missing player say."""

from __future__ import annotations

from studycompanion.core.db.tables import Video
from studycompanion.core.types import VideoStatus

STATUS_TEXT = {
    VideoStatus.QUEUED: "Waiting to download",
    VideoStatus.DOWNLOADING: "Downloading…",
    VideoStatus.READY: "Not transcribed yet",
    VideoStatus.TRANSCRIBED: "Transcribed",
    VideoStatus.CARDS: "Cards ready",
    VideoStatus.FAILED: "Failed",
}
_BEFORE_TRANSCRIPT = (VideoStatus.QUEUED, VideoStatus.DOWNLOADING, VideoStatus.READY)


def missing_media_text(video: Video) -> str:
    """What the player shows while the clip has no media to play."""
    return STATUS_TEXT.get(video.status, "") if video.status != VideoStatus.FAILED else \
        f"Download failed: {video.error}"


def transcript_placeholder(video: Video, has_screen_text: bool) -> str:
    """What the Transcript tab says while the clip has no lines to show."""
    if video.status in _BEFORE_TRANSCRIPT:
        return "The transcript appears here when transcription has finished."
    return "No speech was found in this clip." + (" What it shows is listed under “On screen”." if has_screen_text
                                                  else "")


def keypoints_empty_text(video: Video, has_transcript: bool) -> str:
    """What the Key points tab says while it lists nothing."""
    if not has_transcript:
        if video.status in _BEFORE_TRANSCRIPT:
            return "Key points appear here once the clip is transcribed."
        return "No speech was found in this clip, so there are no key points."
    if video.status == VideoStatus.CARDS:
        return "No key points were found in this transcript."
    return "No key points yet. “Make cards” on the Cards tab finds them and drafts cards."
