"""A moment for Python's signal handlers during a long roster.

The loop over a staff list's rows (kzps.roster.run) is compiled with mypyc in a built
wheel, and compiled code never passes through the interpreter's loop by itself; CPython
runs a pending signal handler (Ctrl+C, SIGTERM: the report's temporary file is then
removed) only there. Calling this function, which stays Python, every few thousand
rows gives it that moment. The build hook leaves this module uncompiled (a test says
so).
"""

from __future__ import annotations


def let_signals_in() -> None:
    """Return at once: entering a Python function is where pending signals are handled."""
