"""cost rules."""
