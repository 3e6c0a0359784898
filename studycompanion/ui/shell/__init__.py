"""The main window, its pages, actions, saved geometry and the screenshot mode.
"""
