"""Views: a check and the standard shown on a terminal, and JSON text."""
