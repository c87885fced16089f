"""Label printers' resolutions (kept apart from `label_dots`, which loads the fonts)."""

DPI_CHOICES = (203, 300)
