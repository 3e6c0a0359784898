"""Adding clips: paste, drop, file and export imports, the add dialog.
"""
