"""Audit rules, one module per rule: rules/<category>/<code>_<name>.py."""
