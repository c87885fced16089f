"""On-site work and regional campaigns (现场检定): trips, and instruments verified where they stand.

Database actions live in this package; the pure rules in `rules/`.
"""
