"""The command line: one module per command, no logic of its own.

Before any command module imports typer and pydantic, the standard library's
`exec`/`compile`/`eval` of generated source (dataclass methods, forward references)
are pointed at a cache of their compiled code (`archwright.cli.source_cache`).
"""

from archwright.cli.source_cache import install

install()
