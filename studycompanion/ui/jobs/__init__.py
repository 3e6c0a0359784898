"""The jobs page: the job model, view and job events.
"""
