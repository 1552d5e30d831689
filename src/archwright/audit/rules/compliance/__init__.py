"""compliance rules."""
