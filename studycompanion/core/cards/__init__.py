"""Study material: key points from a transcript, their rules, card drafts, cloze syntax, the card store and the
optional LLM.

May import: core.capture, core.transcribe, core.screen, core.library, core.db and the base modules.
"""
