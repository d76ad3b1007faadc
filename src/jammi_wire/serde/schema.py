"""JSON Schema (draft 2020-12) of the wire form serde_json reads, derived from shapes.

Generic: it knows serde's data model, not fine-tuning. What a schema cannot say
(repeated keys, number text beyond f64, validate() rules across fields) is listed in
the README.
"""

from __future__ import annotations

import json
from typing import Any

from .model import (
    BoolShape,
    FloatShape,
    IntShape,
    MapShape,
    OptionShape,
    SeqShape,
    Shape,
    StrShape,
    StructShape,
    TaggedEnumShape,
    UnitEnumShape,
    shape_of,
)

__all__ = ["json_schema"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def node(self, shape: Shape) -> dict[str, Any]:
        if isinstance(shape, IntShape):
            return {"type": "integer", "minimum": shape.minimum, "maximum": shape.maximum}
        if isinstance(shape, FloatShape):
            return {"type": "number"}
        if isinstance(shape, BoolShape):
            return {"type": "boolean"}
        if isinstance(shape, StrShape):
            return {"type": "string"}
        if isinstance(shape, OptionShape):
            return {"anyOf": [self.node(shape.inner), {"type": "null"}]}
        if isinstance(shape, SeqShape):
            return {"type": "array", "items": self.node(shape.inner)}
        if isinstance(shape, MapShape):
            return {"type": "object", "additionalProperties": self.node(shape.value)}
        if isinstance(shape, UnitEnumShape):
            return self.ref(shape.name, lambda: _unit_enum(list(shape.wire_names)))
        if isinstance(shape, TaggedEnumShape):
            return self.ref(shape.name, lambda: self.tagged(shape))
        if isinstance(shape, StructShape):
            return self.ref(shape.name, lambda: self.struct(shape))
        raise TypeError(f"no JSON Schema for {shape!r}")

    def ref(self, name: str, build: Any) -> dict[str, Any]:
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: a recursive type refers to itself
            self.defs[name] = build()
        return {"$ref": f"#/$defs/{name}"}

    def struct(self, shape: StructShape, *, doc: str | None = None) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        required: list[str] = []
        defaults = _defaults(shape)
        for spec in shape.fields:
            prop = dict(self.node(spec.shape))
            if spec.doc:
                prop["description"] = spec.doc
            if spec.wire in defaults:
                prop["default"] = defaults[spec.wire]
            properties[spec.wire] = prop
            if spec.missing is None:
                required.append(spec.wire)
        as_map: dict[str, Any] = {"type": "object", "properties": properties}
        if shape.deny_unknown_fields:
            as_map["additionalProperties"] = False
        if required:
            as_map["required"] = required
        # serde derive also reads a struct from a sequence of its fields in order; the
        # leading fields without #[serde(default)] must be present there.
        needed = 0
        for index, spec in enumerate(shape.fields):
            if spec.missing_in_seq is None:
                needed = index + 1
        as_seq: dict[str, Any] = {
            "type": "array",
            "prefixItems": [self.node(spec.shape) for spec in shape.fields],
            "items": False,
            "minItems": needed,
        }
        out: dict[str, Any] = {"oneOf": [as_map, as_seq]}
        text = doc if doc is not None else (shape.cls.__doc__ or "")
        if text:
            out["description"] = _first_paragraph(text)
        return out

    def tagged(self, shape: TaggedEnumShape) -> dict[str, Any]:
        arms: list[dict[str, Any]] = []
        for wire, variant in shape.by_wire.items():
            doc = _first_paragraph(variant.cls.__doc__ or "")
            if variant.struct is None:
                # serde_json reads a unit variant as "name" or {"name": null}.
                arms.append({"const": wire, "description": doc})
                arms.append(_single(wire, {"type": "null"}, doc))
            elif variant.kind == "newtype":
                arms.append(_single(wire, self.node(variant.inner), doc))
            else:
                arms.append(_single(wire, self.struct(variant.struct, doc=""), doc))
        out: dict[str, Any] = {"oneOf": arms}
        if shape.base.__doc__:
            out["description"] = _first_paragraph(shape.base.__doc__)
        return out


def _unit_enum(names: list[str]) -> dict[str, Any]:
    # serde_json reads a unit variant as "name" or as {"name": null}.
    return {
        "oneOf": [
            {"enum": names},
            {
                "type": "object",
                "minProperties": 1,
                "maxProperties": 1,
                "propertyNames": {"enum": names},
                "additionalProperties": {"type": "null"},
            },
        ]
    }


def _single(key: str, value: dict[str, Any], doc: str) -> dict[str, Any]:
    node: dict[str, Any] = {
        "type": "object",
        "properties": {key: value},
        "required": [key],
        "additionalProperties": False,
    }
    if doc:
        node["description"] = doc
    return node


def _first_paragraph(text: str) -> str:
    return " ".join(text.strip().split("\n\n")[0].split())


def _defaults(shape: StructShape) -> dict[str, Any]:
    """Wire values of the fields' defaults, as serde_json writes them."""
    from ..preconf.json import to_json  # late: preconf imports the serde layer

    try:
        default = shape.cls()
    except TypeError:
        return {}
    wire: dict[str, Any] = json.loads(to_json(default))
    return wire


def json_schema(cls: Any) -> dict[str, Any]:
    """The JSON Schema of ``cls``'s wire form as serde_json reads it."""
    builder = _Builder()
    shape = shape_of(cls)
    if isinstance(shape, StructShape):
        root = builder.struct(shape)
        name = shape.name
    else:
        root = builder.node(shape)
        name = getattr(shape, "name", "value")
    schema: dict[str, Any] = {"$schema": DIALECT, "title": name, **root}
    if builder.defs:
        schema["$defs"] = builder.defs
    return schema
