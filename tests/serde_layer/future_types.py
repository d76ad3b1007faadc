"""Types declared under postponed annotations, as many user modules are."""

from __future__ import annotations

from jammi_wire.serde import U8, Usize, field, serde_struct


@serde_struct
class Later:
    n: Usize
    child: Node | None = field(default=None)


@serde_struct
class Node:
    weight: U8 = field(default=1)
