"""One module per text format, each a thin layer over the shared converter."""
