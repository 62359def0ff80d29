"""`python -m kzps`: the same as the `kzps` command."""

from kzps.cli import main

main()
