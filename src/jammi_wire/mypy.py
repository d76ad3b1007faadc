"""mypy plugin: our classes are attrs classes, and mypy's attrs plugin should know it.

``@serde_struct`` calls ``attrs.define`` at run time, but mypy's attrs support goes by
the decorator's name, so without this plugin mypy sees only the ``dataclass_transform``
(constructor arguments are checked, but ``attrs.evolve`` and ``attrs.fields`` are
refused). Enable it in your mypy configuration::

    [tool.mypy]
    plugins = ["jammi_wire.mypy"]
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from mypy.plugin import ClassDefContext, Plugin
from mypy.plugins import attrs as _attrs_plugin
from mypy.plugins.attrs import attr_class_maker_callback, attr_tag_callback

STRUCT_DECORATORS = frozenset(
    ["jammi_wire.serde.model.serde_struct", "jammi_wire.serde.serde_struct"]
)


class JammiWirePlugin(Plugin):
    def get_class_decorator_hook(self, fullname: str) -> Callable[[ClassDefContext], None] | None:
        return attr_tag_callback if fullname in STRUCT_DECORATORS else None

    def get_class_decorator_hook_2(self, fullname: str) -> Callable[[ClassDefContext], bool] | None:
        if fullname in STRUCT_DECORATORS:
            return partial(attr_class_maker_callback, auto_attribs_default=None, slots_default=True)
        return None


FIELD_SPECIFIERS = ("jammi_wire.serde.model.field", "jammi_wire.serde.field")


def plugin(version: str) -> type[Plugin]:
    # `field()` is read like `attrs.field()`: a default only where `default=` or
    # `factory=` is given, so a required field may follow `field(serde_default=True)`.
    makers = _attrs_plugin.attr_attrib_makers
    if isinstance(makers, set):
        makers.update(FIELD_SPECIFIERS)
    return JammiWirePlugin
