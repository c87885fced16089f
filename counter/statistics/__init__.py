"""The figures the institute is judged by (统计): throughput, turnaround, 好差评 and complaints.

Database actions live in this package; the pure rules (figures from plain rows) in `rules/`.
"""
