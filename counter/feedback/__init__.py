"""Customer feedback (好差评) and complaints (投诉, 首问负责).

Ratings per order (and so per department), recorded at the counter on pickup,
by the short code / QR on the handover slip, or taken by phone; complaints from
receipt to closing with their planned and actual dates, call-back and final
score; and the figures the statistics screen shows (`figures`).  Database
actions take a session from the caller and never commit; pure rules (score
scales, the complaint life cycle, planned dates and overdue) are in `rules/`.
"""
