"""Read-outs across every area: the audit log in a reader's words and as a CSV file.

This package sits above the areas (it names their codes), so no area imports it.
"""
