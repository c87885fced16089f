"""Speed goals of the counter, measured on a realistic, cached SQLite database.

Run ``uv run python -m benchmarks`` (``--help`` for options).  Each benchmark is
a small function registered in `benchmarks.cases`; the goals live in
`benchmarks.goals`, never in timed unit tests.  Output is one JSON object per
line on stdout; progress goes to stderr.
"""
