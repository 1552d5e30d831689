"""The archwright file format: safe reading, validation with places, atomic writing."""

from archwright.archfile.io import (
    FileProblem,
    current_umask,
    dump_yaml,
    dumps_architecture,
    load_architecture,
    load_requirements,
    parse_architecture,
    parse_document,
    parse_requirements,
    read_text,
    save_architecture,
    text_bytes,
    to_data,
    warning_lines,
    write_atomic,
)
from archwright.archfile.safe_yaml import (
    Limits,
    UnsafeInput,
    loads_json,
    loads_yaml,
    loads_yaml_all,
)

__all__ = [
    "FileProblem",
    "Limits",
    "UnsafeInput",
    "current_umask",
    "dump_yaml",
    "dumps_architecture",
    "load_architecture",
    "load_requirements",
    "loads_json",
    "loads_yaml",
    "loads_yaml_all",
    "parse_architecture",
    "parse_document",
    "parse_requirements",
    "read_text",
    "save_architecture",
    "text_bytes",
    "to_data",
    "warning_lines",
    "write_atomic",
]
