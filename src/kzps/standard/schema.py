"""How kzps's records are validated: markers and a record decorator that pydantic reads
through its public `__get_pydantic_core_schema__` hook, errors turned into Problems,
JSON Schemas, and validators cached between runs.

The rules, the candidate and the result are named tuples, so that using them (and
loading them from the cache) needs no validation library. Their annotations are
real names at run time; pydantic is imported only when a validator or a JSON Schema
is built (a cache miss, `validate`, `schema`), never by a warm `kzps check`.
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from kzps.errors import InvalidValueError, Problem

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema, ErrorDetails, SchemaValidator, ValidationError

T = TypeVar("T")


class Pattern:
    """Text matching a regular expression."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        """A string schema with the pattern."""
        from pydantic_core import core_schema

        return core_schema.str_schema(pattern=self.pattern)


class Bounds:
    """A whole number within bounds (any of them may be left open)."""

    def __init__(
        self, *, ge: int | None = None, gt: int | None = None, le: int | None = None
    ) -> None:
        self.ge = ge
        self.gt = gt
        self.le = le

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        """An int schema with the bounds."""
        from pydantic_core import core_schema

        return core_schema.int_schema(ge=self.ge, gt=self.gt, le=self.le)


class MinLength:
    """Text, or a list, with at least `length` characters or items."""

    def __init__(self, length: int) -> None:
        self.length = length

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        """A string schema with a minimum length, or the list's schema and a length check."""
        from pydantic_core import core_schema

        if source is str:
            return core_schema.str_schema(min_length=self.length)
        check = functools.partial(_at_least, self.length)
        return core_schema.no_info_after_validator_function(check, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        """The list's JSON Schema with its minimum number of items."""
        found = handler(schema)
        return found if "minLength" in found else {**found, "minItems": self.length}


def _at_least(length: int, items: Any) -> Any:
    if len(items) < length:
        from pydantic_core import PydanticCustomError

        raise PydanticCustomError(
            "too_short",
            "expected at least {min_length} item(s)",
            {"min_length": length, "actual_length": len(items)},
        )
    return items


class Before:
    """Run `function` on the raw value before the type's own validation; an `InvalidValueError`
    it raises becomes pydantic's error of the same kind. `json` replaces the JSON
    Schema where the file takes another shape than the value (years as 4.5 or text)."""

    def __init__(self, function: Callable[[Any], Any], json: dict[str, Any] | None = None) -> None:
        self.function = function
        self.json = json

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        """The type's schema behind a before-validator."""
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(
            functools.partial(_reading, self.function), handler(source)
        )

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        """The JSON Schema of what the file holds."""
        return dict(self.json) if self.json is not None else handler(schema)


def _reading(function: Callable[[Any], Any], value: Any) -> Any:
    """`function(value)`, its InvalidValueError raised as pydantic's error of the same kind."""
    try:
        return function(value)
    except InvalidValueError as error:
        from pydantic_core import PydanticCustomError

        raise PydanticCustomError(error.kind, error.template, error.values) from None


class After:
    """Run `function` on the validated value (a cross-field check of one record)."""

    def __init__(self, function: Callable[[Any], Any]) -> None:
        self.function = function

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        """The type's schema followed by an after-validator."""
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.function, handler(source))


RecordT = TypeVar("RecordT", bound=type)


def record(cls: RecordT) -> RecordT:
    """Make a named tuple validatable from a mapping of its fields (and, where the class
    says so in `ALIASES`, of their names in the file: `from` for `start`)."""
    cls.__get_pydantic_core_schema__ = classmethod(_record_schema)  # type: ignore[attr-defined]
    return cls


def _record_schema(cls: type[Any], _source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
    """A call of the named tuple with its fields as keywords, from a mapping only."""
    from pydantic_core import core_schema

    hints = typing.get_type_hints(cls, include_extras=True)
    aliases: dict[str, str] = getattr(cls, "ALIASES", {})
    defaults: dict[str, Any] = cls._field_defaults
    parameters = []
    for name in cls._fields:
        inner = handler.generate_schema(hints[name])
        if name in defaults:
            inner = core_schema.with_default_schema(inner, default=defaults[name])
        parameters.append(
            core_schema.arguments_parameter(
                name, inner, mode="keyword_only", alias=aliases.get(name)
            )
        )
    call = core_schema.call_schema(core_schema.arguments_schema(parameters), cls)
    return core_schema.no_info_before_validator_function(mapping_only, call, ref=cls.__qualname__)


def mapping_only(value: object) -> object:
    """A record is written as a mapping of keys (or given as the record itself)."""
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return value._asdict()
    if not isinstance(value, dict):
        from pydantic_core import PydanticCustomError

        raise PydanticCustomError("dict_type", "expected a mapping of keys")
    return value


# -- validators, errors and JSON Schemas ---------------------------------------------------


def validator_of(kind: Any) -> SchemaValidator:
    """A validator of `kind` (a record, or any type made of them), built by pydantic."""
    built = _VALIDATORS.get(kind)
    if built is None:
        from pydantic import TypeAdapter
        from pydantic_core import SchemaValidator

        built = _VALIDATORS[kind] = SchemaValidator(TypeAdapter(kind).core_schema)
    return built


_VALIDATORS: dict[Any, SchemaValidator] = {}


def cached_validator(kind: Any, name: str) -> SchemaValidator:
    """`validator_of(kind)`, pickled in the user's cache: a warm run rebuilds it with
    pydantic-core alone (pickling a SchemaValidator is pydantic-core's public API)."""
    from kzps.standard import cache

    key = cache.package_key()
    found = cache.load(name, key, _validator_type()) if key else None
    if found is not None:
        return found
    built = validator_of(kind)
    if key:
        cache.store(name, key, built)
    return built


def _validator_type() -> type[SchemaValidator]:
    from pydantic_core import SchemaValidator

    return SchemaValidator


def validate(kind: type[T], data: Any, validator: SchemaValidator | None = None) -> T:
    """`data` validated as `kind`; pydantic's ValidationError is left to the caller."""
    found: T = (validator or validator_of(kind)).validate_python(data)
    return found


def dotted(location: tuple[int | str, ...]) -> str:
    """`("cards", 2, "grades", 1)` → `cards[2].grades[1]`."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not part.startswith(("function-", "function_")):
            text += f".{part}" if text else part
    return text


def problems_of(error: ValidationError) -> list[Problem]:
    """One Problem per error, in the order pydantic found them."""
    return [_problem(detail) for detail in error.errors(include_url=False)]


#: pydantic-core's error types for a call's keywords, as the file formats name them.
_SAME_AS = {
    "missing_keyword_only_argument": "missing",
    "unexpected_keyword_argument": "extra_forbidden",
}


def _problem(detail: ErrorDetails) -> Problem:
    """pydantic's error type is the message key; its context gives the values.

    kzps's own checks raise PydanticCustomError with a type of their own, so they
    arrive here the same way; pydantic's English text is the fallback.
    """
    values: dict[str, object] = dict(detail.get("ctx") or {})
    values.pop("error", None)
    values.setdefault("message", detail["msg"].removeprefix("Value error, "))
    kind = _SAME_AS.get(detail["type"], detail["type"])
    return Problem(dotted(tuple(detail["loc"])), f"error.{kind}", values)


def json_schema(kind: Any) -> dict[str, Any]:
    """The JSON Schema of a file whose records are kzps's named tuples."""
    from pydantic import TypeAdapter
    from pydantic.json_schema import GenerateJsonSchema

    class Described(GenerateJsonSchema):
        """Each record's docstring becomes its description."""

        def call_schema(self, schema: Any) -> JsonSchemaValue:
            """A record: an object of its fields, described by the class's docstring."""
            found: JsonSchemaValue = super().call_schema(schema)
            function = schema.get("function")
            doc = inspect.getdoc(function) if isinstance(function, type) else None
            if doc and hasattr(function, "_fields"):
                found = {**found, "title": function.__name__, "description": doc}
            return found

    schema: dict[str, Any] = TypeAdapter(kind).json_schema(schema_generator=Described)
    return schema
