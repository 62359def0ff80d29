"""The standard as data: its rules and verbatim text, validated, cached, and overlaid.

`load_standard()` gives the shipped standard; `Standard` is what the engine consults.
"""

from kzps.standard.load import Standard, load_standard, shipped_path

__all__ = ["Standard", "load_standard", "shipped_path"]
