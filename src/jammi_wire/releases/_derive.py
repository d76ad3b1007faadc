"""Build a generation's types from the previous generation's declarations.

A later generation states only what changed: which fields it adds, drops, retypes or
redeclares, and which serde container attributes it adds. Everything else (field
order, Python defaults, serde defaults, docs) is copied from the earlier class's own
declarations, and the serde layer derives the wire behaviour from the result.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from .. import _rules
from .._errors import FineTuneError
from ..serde import TaggedEnum, serde_struct

KEEP: Any = object()
"""In a redeclaration, the earlier field's declaration, unchanged (only the type differs)."""

Declaration = tuple[str, Any, Any]  # (name, annotation, field(...))


def _declarations(cls: type) -> dict[str, tuple[Any, Any]]:
    """Each init field of an attrs class: its annotation and a copy of its declaration."""
    hints = typing.get_type_hints(cls, include_extras=True)
    out: dict[str, tuple[Any, Any]] = {}
    for attribute in attrs.fields(typing.cast(Any, cls)):
        if attribute.init:
            copy = attrs.field(default=attribute.default, metadata=dict(attribute.metadata))
            out[attribute.name] = (hints[attribute.name], copy)
    return out


def _validators(rules: Sequence[_rules.Rule]) -> dict[str, Any]:
    @_rules.raises_when(rules)
    def validate(self: Any) -> None:
        """Rust's ``validate()`` of this generation: raise the first rule broken."""
        for problem in _rules.problems(self, rules):
            raise problem

    def problems(self: Any) -> list[FineTuneError]:
        """Every rule of this generation's ``validate()`` that the config breaks, in order."""
        return _rules.problems(self, rules)

    return {"validate": validate, "problems": problems}


def derive_struct(
    base: type,
    module: str,
    *,
    redeclare: dict[str, Declaration] | None = None,
    append: Sequence[Declaration] = (),
    rules: Sequence[_rules.Rule] | None = None,
    **container: Any,
) -> type:
    """``base``'s declarations with some fields redeclared in place (a new name, type or
    declaration; ``KEEP`` keeps the declaration) and others appended, declared anew
    with the serde container attributes ``container`` (``deny_unknown_fields=True``)."""
    changes = redeclare or {}
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"__module__": module, "__qualname__": base.__name__}
    for name, (annotation, declaration) in _declarations(base).items():
        if name in changes:
            name, annotation, new = changes[name]
            declaration = declaration if new is KEEP else new
        annotations[name] = annotation
        namespace[name] = declaration
    for name, annotation, declaration in append:
        annotations[name] = annotation
        namespace[name] = declaration
    namespace["__annotations__"] = annotations
    namespace["__doc__"] = base.__doc__
    if rules is not None:
        namespace.update(_validators(rules))
    cls = type(base.__name__, (), namespace)
    decorate: Callable[[type], type] = serde_struct(**container)
    return decorate(cls)


def derive_enum(base: type[TaggedEnum], module: str, **container: Any) -> type[TaggedEnum]:
    """A copy of the enum ``base`` (every variant, its fields and kind, the same Default)
    with more serde container attributes (``deny_unknown_fields=True``)."""
    options: dict[str, Any] = {
        "rename_all": base.__serde_rename_all__,
        "rename_all_fields": base.__serde_rename_all_fields__,
        **container,
    }

    def default(cls: type[TaggedEnum]) -> TaggedEnum:
        earlier = base.default()
        variant = cls.__serde_variants__[type(earlier).__serde_wire_name__]  # type: ignore[attr-defined]
        values = attrs.asdict(typing.cast(Any, earlier), recurse=False)
        return variant(**values)

    namespace = {
        "__module__": module,
        "__qualname__": base.__name__,
        "__doc__": base.__doc__,
        "default": classmethod(default),
    }
    family = typing.cast(type[TaggedEnum], type(base.__name__, (TaggedEnum,), namespace, **options))
    for variant in base.__serde_variants__.values():
        decls = _declarations(variant)
        ns: dict[str, Any] = {
            "__module__": module,
            "__doc__": variant.__doc__,
            "__annotations__": {name: tp for name, (tp, _) in decls.items()},
            **{name: declaration for name, (_, declaration) in decls.items()},
        }
        keywords: dict[str, Any] = {
            "rename": variant.__serde_wire_name__,  # type: ignore[attr-defined]
            "alias": getattr(variant, "__serde_aliases__", ()),
        }
        kind = getattr(variant, "__serde_variant_kind__", None)
        if kind is not None:
            keywords["kind"] = kind
        type(variant.__name__, (family,), ns, **keywords)
    return family
