"""Certificates: drafts, imports, the final review, versions and PDFs, verification.

The pure content rules and the automatic defect check are in `rules/`; this package holds the
database actions."""
