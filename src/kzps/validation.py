"""Turn pydantic's validation errors into one line per problem, named by dotted path."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import ValidationError
    from pydantic_core import ErrorDetails


def dotted(location: tuple[int | str, ...]) -> str:
    """`("cards", 2, "grades", 1)` → `cards[2].grades[1]`."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not part.startswith(("function-", "function_")):
            text += f".{part}" if text else part
    return text


def problems_of(error: ValidationError) -> list[str]:
    """One `path: message` line per error, in the order pydantic found them."""
    return [_line(detail) for detail in error.errors(include_url=False)]


def _line(detail: ErrorDetails) -> str:
    path = dotted(tuple(detail["loc"]))
    message = _MESSAGES.get(detail["type"], detail["msg"])
    if detail["type"] == "value_error":
        message = detail["msg"].removeprefix("Value error, ")
    return f"{path}: {message}" if path else message


_MESSAGES = {
    "extra_forbidden": "unknown key (not in the format; check the spelling)",
    "missing": "required key is missing",
}
