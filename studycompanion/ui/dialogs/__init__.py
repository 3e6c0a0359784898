"""Export, settings and model-picker dialogs.
"""
