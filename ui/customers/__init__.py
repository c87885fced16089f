"""Finding and editing customers."""
