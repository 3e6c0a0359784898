"""The review page.
"""
