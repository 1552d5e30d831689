"""The command line: one module per command, no logic of its own.

Before any command module imports typer and pydantic, two things are set for the
process (each explained where it is done):
- the cyclic garbage collector's first threshold (`archwright.cli.collector`), first of
  all, so that no import runs the collector at Python's own threshold;
- the standard library's `exec`/`compile`/`eval` of generated source (dataclass
  methods, forward references), pointed at a cache of their compiled code
  (`archwright.cli.source_cache`).
"""

from archwright.cli.collector import raise_threshold

raise_threshold()

from archwright.cli.source_cache import install  # noqa: E402 (after the threshold is set)

install()
