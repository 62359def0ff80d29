"""The kzps command line: the only place that reads argv, prints or exits.

`main` runs it, importing only the module of the command the line names. `app` is the
Typer application with every command registered, their help in the user's language
(for scripts and tests that invoke it directly).
"""

from typing import TYPE_CHECKING

from kzps.cli.frame import main, safe_language, translate

if TYPE_CHECKING:
    from kzps.cli.frame import app


def __getattr__(name: str) -> object:
    """`app`, with every command registered, on first use."""
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from kzps.cli.frame import app, register

    register()
    translate(safe_language(None))
    globals()["app"] = app
    return app


__all__ = ["app", "main", "translate"]
