"""Clip metadata from yt-dlp info dicts: hashtags, creator per platform, dates, titles, the trimmed JSON."""

from __future__ import annotations

from datetime import date

from studycompanion.core.capture import metadata as meta


def test_hashtags_from_tags_and_caption() -> None:
    caption = "Murmurs 101 #Cardiology #usmle #cardiology #1 ranking &#39; x#notatag #Pädiatrie"
    assert meta.hashtags(caption, ["medschool", "#USMLE", "", 5]) == [
        "medschool", "USMLE", "Cardiology", "Pädiatrie"]
    assert meta.hashtags("", []) == []


def test_creator_per_platform() -> None:
    assert meta.creator("tiktok", {"uploader": "dr.heart", "channel": "Dr Heart", "uploader_id": "6691"}) == (
        "dr.heart", "Dr Heart")
    assert meta.creator("instagram", {"channel": "naomipq", "uploader": "Naomi P"}) == ("naomipq", "Naomi P")
    assert meta.creator("youtube", {"uploader_id": "@NinjaNerd", "uploader": "Ninja Nerd"}) == (
        "NinjaNerd", "Ninja Nerd")
    assert meta.creator("youtube", {"uploader_id": "UC123", "channel": "Osmosis"}) == ("", "Osmosis")
    generic = {"extractor": "generic", "uploader": "example.org", "webpage_url": "https://example.org/x"}
    assert meta.creator("web", generic) == ("", "")


def test_upload_date_and_duration() -> None:
    assert meta.upload_date({"upload_date": "20240301"}) == date(2024, 3, 1)
    assert meta.upload_date({"upload_date": "2024", "timestamp": 1709317325}) == date(2024, 3, 1)
    assert meta.upload_date({"upload_date": "20241399"}) is None
    assert meta.duration({"duration": 12}) == 12.0
    assert meta.duration({"duration": 0}) is None and meta.duration({}) is None


def test_title_prefers_a_clean_line() -> None:
    assert meta.title({"title": "Video by dr.heart"}, "S3 gallop explained", "x") == "S3 gallop explained"
    assert meta.title({"title": "  Heart   sounds "}, "caption", "x") == "Heart sounds"
    assert meta.title({}, "", "fallback") == "fallback"
    assert len(meta.title({"title": "a" * 500}, "", "x")) == 200


def test_trimmed_info_drops_formats_and_headers() -> None:
    info = {"id": "1", "title": "t", "formats": [{"url": "https://signed"}], "http_headers": {"Cookie": "x"},
            "requested_downloads": [{}], "tags": [], "description": "d"}
    out = meta.trimmed(info, captured_platform="web")
    assert out == {"id": "1", "title": "t", "description": "d", "captured_platform": "web"}
