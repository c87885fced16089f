"""Screens of certificates: the lab's work list and form, imports, the final review, registers."""
