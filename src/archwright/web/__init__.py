"""The web workbench (`archwright serve`): server, templates, static; no logic of its own."""
