"""The orders list and one order's window (items, voids, corrections)."""
