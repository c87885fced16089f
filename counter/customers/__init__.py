"""The customer archive: find while typing, create and edit with validation."""
