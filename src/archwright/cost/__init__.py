"""Monthly cost estimates from the dated price snapshot in the catalog."""
