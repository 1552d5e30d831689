"""Importers: one module per format (`IMPORTER` + `parse(files)`)."""
