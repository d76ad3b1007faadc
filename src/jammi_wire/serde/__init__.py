"""The generic serde layer: declare attrs classes that mirror Rust serde types.

Structs are :func:`serde_struct` classes, enums with data :class:`TaggedEnum`
families, enums without data :class:`UnitEnum`\\ s; fields take serde's attributes
through :func:`field`. The integer, float and container aliases below name the Rust
type a field has, so reading and writing follow serde exactly (``U32`` refuses
``-1`` with serde's words, ``F32`` writes f32's digits, ``BTreeMap`` writes its keys
in order). Read and write any such class with ``jammi_wire.from_json`` /
``to_json`` / ``from_yaml`` / ``to_yaml`` / ``structure`` / ``unstructure``.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import (
        F32,
        F64,
        I8,
        I16,
        I32,
        I64,
        I128,
        U8,
        U16,
        U32,
        U64,
        U128,
        Box,
        BTreeMap,
        Char,
        Isize,
        TaggedEnum,
        UnitEnum,
        Usize,
        field,
        replace,
        serde_struct,
        shape_of,
    )
    from .naming import RenameRule

# The declarations load with the first of their names: the modules below this package
# that hold no declarations (data.py's tree nodes, floats.py, wording.py) are imported
# by readers that must not pay for attrs and the data model, e.g. a generated clearance
# module (see clearance.py).
_FROM_NAMING = ("RenameRule",)


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import model, naming

        found = getattr(naming if name in _FROM_NAMING else model, name)
        globals()[name] = found
        return found
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "F32",
    "F64",
    "I8",
    "I16",
    "I32",
    "I64",
    "I128",
    "U8",
    "U16",
    "U32",
    "U64",
    "U128",
    "BTreeMap",
    "Box",
    "Char",
    "Isize",
    "RenameRule",
    "TaggedEnum",
    "UnitEnum",
    "Usize",
    "field",
    "replace",
    "serde_struct",
    "shape_of",
]


def __dir__() -> list[str]:
    return list(__all__)
