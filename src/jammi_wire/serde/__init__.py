"""The generic serde layer: declare attrs classes that mirror Rust serde types.

Structs are :func:`serde_struct` classes, enums with data :class:`TaggedEnum`
families, enums without data :class:`UnitEnum`\\ s; fields take serde's attributes
through :func:`field`. The integer, float and container aliases below name the Rust
type a field has, so reading and writing follow serde exactly (``U32`` refuses
``-1`` with serde's words, ``F32`` writes f32's digits, ``BTreeMap`` writes its keys
in order). Read and write any such class with ``jammi_wire.from_json`` /
``to_json`` / ``from_yaml`` / ``to_yaml`` / ``structure`` / ``unstructure``.
"""

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
