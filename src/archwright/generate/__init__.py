"""Design from a description: requirement extraction, patterns, sizing, technology choice."""
