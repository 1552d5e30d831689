"""`python -m archwright` runs the CLI."""

from archwright.cli.app import main

main()
