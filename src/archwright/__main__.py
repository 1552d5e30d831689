"""`python -m archwright` runs the CLI, as the `archwright` console script does."""

from archwright.cli.app import run

run()
