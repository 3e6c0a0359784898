"""Card drafts in the clip view: the list, the editor and the live Anki preview.
"""
