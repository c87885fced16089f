"""Printing: labels, receipts and other documents rendered from plain frozen dataclasses.

Pure Python on top of reportlab (PDF) and ZPL II text for thermal label printers.
No Qt, no database: callers import the submodules they need (``printing.label``,
``printing.receipt``, ``printing.zpl_send`` …) and hand them ready-made data.
"""
