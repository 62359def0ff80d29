"""pydantic validators and JSON Schemas for kzps's immutable records.

The rules, the candidate and the result are named tuples, so that using them (and
loading them from the cache) needs no validation library. Their annotations name
the constrained types defined here; pydantic resolves those names from this module
when it builds a validator, which happens only on a cache miss, for `validate`,
`schema` and overlays. A `kzps check` with a warm cache never imports this module.
"""

from __future__ import annotations

import datetime as dt
import inspect
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, TypeAdapter
from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import SchemaValidator, core_schema

from kzps import candidate
from kzps.models import CODE_PATTERN, GRADE_CODE_PATTERN, SOURCE_PATTERN
from kzps.validation import mapping_only
from kzps.years import Years

if TYPE_CHECKING:
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

T = TypeVar("T")

# -- the rules (models.py) -------------------------------------------------------------

Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
GradeCode = Annotated[str, StringConstraints(pattern=GRADE_CODE_PATTERN)]
Source = Annotated[str, StringConstraints(pattern=SOURCE_PATTERN)]
NonEmpty = Annotated[str, Field(min_length=1)]

# -- the candidate file (candidate.py) ---------------------------------------------------

Date = Annotated[dt.date, BeforeValidator(candidate.iso_date)]
IdText = Annotated[str, BeforeValidator(candidate.id_text)]
GradeText = Annotated[str, BeforeValidator(candidate.normalize_grade)]
DiplomaCode = Annotated[str | None, BeforeValidator(candidate.clean_code)]
YearsText = Annotated[Years | None, BeforeValidator(candidate.years_or_none)]
CheckedDiploma = Annotated[candidate.Diploma, AfterValidator(candidate.complete_diploma)]
CheckedPeriod = Annotated[candidate.Period, AfterValidator(candidate.ordered_period)]

#: The names the records' annotations use, for pydantic to resolve them.
NAMES: dict[str, Any] = {
    "Field": Field,
    "Code": Code,
    "GradeCode": GradeCode,
    "Source": Source,
    "NonEmpty": NonEmpty,
    "Date": Date,
    "IdText": IdText,
    "GradeText": GradeText,
    "DiplomaCode": DiplomaCode,
    "YearsText": YearsText,
    "CheckedDiploma": CheckedDiploma,
    "CheckedPeriod": CheckedPeriod,
}


def adapter(kind: type[T]) -> TypeAdapter[T]:
    """A validator for one kind of record, its annotations resolved from NAMES."""
    built = _ADAPTERS.get(kind)
    if built is None:
        built = _ADAPTERS[kind] = TypeAdapter(kind)
        built.rebuild(force=True, _types_namespace=NAMES)
    return built


_ADAPTERS: dict[type[Any], Any] = {}


def core_schema_of(kind: type[Any]) -> CoreSchema:
    """The schema kzps validates `kind` with: pydantic's, where a record must be written
    as a mapping (pydantic-core would also take a list, field by field), and without
    pydantic's JSON Schema hints, so that it can be pickled and rebuilt with
    pydantic-core alone (see candidate.validator)."""
    schema: CoreSchema = _as_kzps_validates(adapter(kind).core_schema)
    return schema


def validator_of(kind: type[Any]) -> SchemaValidator:
    """A validator of `kind` built from core_schema_of."""
    built = _VALIDATORS.get(kind)
    if built is None:
        built = _VALIDATORS[kind] = SchemaValidator(core_schema_of(kind))
    return built


_VALIDATORS: dict[type[Any], SchemaValidator] = {}


def _as_kzps_validates(value: Any) -> Any:
    if isinstance(value, list):
        return [_as_kzps_validates(v) for v in value]
    if not isinstance(value, dict):
        return value
    value = {k: _as_kzps_validates(v) for k, v in value.items() if k != "metadata"}
    if value.get("type") != "named-tuple":
        return value
    ref = value.pop("ref", None)
    return core_schema.no_info_before_validator_function(mapping_only, value, ref=ref)


def json_schema(kind: type[Any], by_alias: bool = True) -> dict[str, Any]:
    """The JSON Schema of a file whose records are the named tuples of `kind`."""
    return adapter(kind).json_schema(by_alias=by_alias, schema_generator=MappingsSchema)


class MappingsSchema(GenerateJsonSchema):
    """kzps's files write every record as a mapping, so a named tuple is an object."""

    def named_tuple_schema(self, schema: core_schema.NamedTupleSchema) -> JsonSchemaValue:
        """An object with the tuple's fields (or their aliases) as properties."""
        properties: dict[str, JsonSchemaValue] = {}
        required: list[str] = []
        for field in schema["fields"]:
            alias = field.get("validation_alias")
            name = alias if self.by_alias and isinstance(alias, str) else field["name"]
            inner = self.generate_inner(field["schema"]).copy()
            if "title" not in inner and self.field_title_should_be_set(field["schema"]):
                inner["title"] = self.get_title_from_name(name)
            properties[name] = inner
            if field["schema"]["type"] != "default":
                required.append(name)
        cls = schema["cls"]
        result: JsonSchemaValue = {
            "title": cls.__name__,
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        if required:
            result["required"] = required
        if cls.__doc__:
            result["description"] = inspect.cleandoc(cls.__doc__)
        return result
