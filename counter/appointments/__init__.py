"""Booked appointments (预约): slots, bookings and the automatic plan of who comes when.

Database actions live in this package; the pure rules (capacity, the plan) in `rules/`.
"""
