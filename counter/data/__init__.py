"""Starter data shipped with the program: fee standard, instrument catalogue, regulations."""
