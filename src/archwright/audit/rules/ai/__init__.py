"""ai rules."""
