"""Exporters: one module per format (`EXPORTER` + `render(arch) -> files`)."""
