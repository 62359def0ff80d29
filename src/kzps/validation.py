"""Turn pydantic's validation errors into Problems, one per error, named by dotted path."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzps.errors import Problem

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails, ValidationError


def dotted(location: tuple[int | str, ...]) -> str:
    """`("cards", 2, "grades", 1)` → `cards[2].grades[1]`."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not part.startswith(("function-", "function_")):
            text += f".{part}" if text else part
    return text


def mapping_only(value: object) -> object:
    """A record is written as a mapping of keys (or given as the record itself)."""
    if isinstance(value, list) or (isinstance(value, tuple) and not hasattr(value, "_fields")):
        from pydantic_core import PydanticCustomError

        raise PydanticCustomError("dict_type", "expected a mapping of keys")
    return value


def problems_of(error: ValidationError) -> list[Problem]:
    """One Problem per error, in the order pydantic found them."""
    return [_problem(detail) for detail in error.errors(include_url=False)]


def _problem(detail: ErrorDetails) -> Problem:
    """pydantic's error type is the message key; its context gives the values.

    kzps's own checks raise PydanticCustomError with a type of their own, so they
    arrive here the same way; pydantic's English text is the fallback.
    """
    values: dict[str, object] = dict(detail.get("ctx") or {})
    values.pop("error", None)
    values.setdefault("message", detail["msg"].removeprefix("Value error, "))
    return Problem(dotted(tuple(detail["loc"])), f"error.{detail['type']}", values)
