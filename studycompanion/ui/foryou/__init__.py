"""The For You page.
"""
