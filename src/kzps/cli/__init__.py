"""The kzps command line: the only place that reads argv, prints or exits.

`app` is the Typer application with every command registered; `main` runs it.
"""

from kzps.cli import assess, check, plan, roster, standard
from kzps.cli.app import app, main, safe_language, translate

translate(safe_language(None))  # every command is registered: their help in the user's language

__all__ = ["app", "assess", "check", "main", "plan", "roster", "standard", "translate"]
