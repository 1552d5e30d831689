"""Importers: one module per format (`IMPORTER` + `parse(path) -> ImportResult`).

Each reads deployment files without executing anything from them and without leaving
the folder it was given, and reports what it could not map instead of dropping it.
"""
