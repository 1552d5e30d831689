"""Deterministic audits: rule engine, registry, rules/<category>/<code>_<name>.py."""
