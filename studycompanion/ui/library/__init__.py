"""The library page: the paged clip model, grid and list, sidebar tag tree, search box.
"""
