"""The design partner: trade-offs, selection, comparison, migration, ADRs, sessions."""
