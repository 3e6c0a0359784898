"""Interests: the learned profile, For You ranking, taxonomy, tag suggestions and creators' credibility.

May import: core.cards and everything below.
"""
