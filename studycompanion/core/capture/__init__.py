"""Getting clips in: link parsing, yt-dlp download with typed errors, metadata, local files, and importers
(TikTok exports, link lists).

May import: core.library, core.db and the base modules.
"""
