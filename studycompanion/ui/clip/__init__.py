"""The clip view: player, following transcript, key points, tags, notes and the clip's actions.
"""
