"""`python -m drill` runs the `drill` command."""

from .cli import main

main()
