"""What editors need: a JSON Schema for editing and yaml-language-server's tag settings.

The wire schema (``jammi-wire schema``) says exactly what serde_json reads, which is
more than a person should write: serde ignores unknown fields (so ``lora_droput``
passes) and reads a struct from an array of its fields (so an editor's first complaint
about a mistyped file is about arrays). The editing schema refuses both, and accepts
the content of ``!variant`` tags, which yaml-language-server validates with the tag
removed once the tags are declared in ``yaml.customTags``.
"""

from __future__ import annotations

import copy
from typing import Any

from .serde.model import MapShape, OptionShape, SeqShape, StructShape, TaggedEnumShape, shape_of

__all__ = ["EDITOR_GLOBS", "editing_schema", "editor_settings", "yaml_custom_tags"]

EDITOR_GLOBS = ["*fine_tune*.yaml", "*fine_tune*.yml", "*fine-tune*.yaml", "*.jammi.yaml"]
"""File names the editor settings attach the schema to (the pre-commit hook's too)."""


def editing_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The wire schema made strict for editing: ``additionalProperties: false`` on every
    struct, no array form of structs, and each struct variant's fields also accepted
    alone (the content of ``!variant {...}`` once an editor drops the declared tag)."""
    out: dict[str, Any] = _strict(copy.deepcopy(schema))
    for definition in out.get("$defs", {}).values():
        arms = definition.get("oneOf")
        if not isinstance(arms, list):
            continue
        contents = []
        for arm in arms:
            properties = arm.get("properties") if isinstance(arm, dict) else None
            if arm.get("required") and isinstance(properties, dict) and len(properties) == 1:
                (content,) = properties.values()
                if content.get("type") == "object":
                    contents.append(content)
        if contents:
            # a tag's content can look like another arm's: anyOf, not oneOf
            definition["anyOf"] = arms + contents
            del definition["oneOf"]
    out["title"] = f"{out.get('title', 'config')} (editing)"
    return out


def _strict(node: Any) -> Any:
    if isinstance(node, list):
        return [_strict(item) for item in node]
    if not isinstance(node, dict):
        return node
    arms = node.get("oneOf")
    if (
        isinstance(arms, list)
        and len(arms) == 2
        and isinstance(arms[0], dict)
        and arms[0].get("type") == "object"
        and "properties" in arms[0]
        and isinstance(arms[1], dict)
        and "prefixItems" in arms[1]
    ):
        # a struct: its map form only, closed
        struct = {key: value for key, value in node.items() if key != "oneOf"}
        struct.update(arms[0])
        struct["additionalProperties"] = False
        node = struct
    return {key: _strict(value) for key, value in node.items()}


def yaml_custom_tags(cls: type[Any]) -> list[str]:
    """``yaml.customTags`` entries for every struct variant ``cls`` can hold
    (``!triplet mapping``): serde_yaml 0.9 writes those variants with a tag."""
    tags: list[str] = []
    seen: set[int] = set()
    pending = [shape_of(cls)]
    while pending:
        shape = pending.pop()
        if id(shape) in seen:
            continue
        seen.add(id(shape))
        if isinstance(shape, (OptionShape, SeqShape)):
            pending.append(shape.inner)
        elif isinstance(shape, MapShape):
            pending.append(shape.value)
        elif isinstance(shape, StructShape):
            pending.extend(spec.shape for spec in reversed(shape.fields))
        elif isinstance(shape, TaggedEnumShape):
            for wire, variant in shape.by_wire.items():
                if variant.struct is not None:
                    tag = f"!{wire} mapping"
                    if tag not in tags:
                        tags.append(tag)
                    pending.append(variant.struct)
    return tags


def editor_settings(cls: type[Any], *, schema: str = "schema.json") -> dict[str, Any]:
    """VS Code settings (yaml-language-server and the JSON language service) for ``cls``:
    the enum tags, and the editing schema ``schema`` attached to config files."""
    json_globs = [glob.rsplit(".", 1)[0] + ".json" for glob in EDITOR_GLOBS[::2]]
    return {
        "yaml.customTags": yaml_custom_tags(cls),
        "yaml.schemas": {schema: EDITOR_GLOBS},
        "json.schemas": [{"fileMatch": json_globs, "url": schema}],
    }
