"""The kzps command line: the only place that reads argv, prints or exits.

`app` is the Typer application with every command registered; `main` runs it.
"""

from kzps.cli import check, roster, standard
from kzps.cli.app import app, main, translate

__all__ = ["app", "check", "main", "roster", "standard", "translate"]
