"""Shared widgets and helpers every view may use: the background worker, icons, theme, message bar, empty states,
thumbnails.
"""
