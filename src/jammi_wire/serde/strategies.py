"""Installing serde's rules on a cattrs converter.

Like cattrs' own strategies, :func:`configure_serde` takes a converter and
registers hook factories on it: every type :func:`shape_of` understands (attrs
classes, the enum families, strict scalars, lists, string-keyed dicts, Optionals)
then structures and unstructures the way serde does for one format profile.
"""

from __future__ import annotations

from typing import Any

import cattrs

from .model import Shape, shape_of
from .structure import Compiler, Context, Profile, Structure, UnknownPolicy
from .unstructure import Unstructure, Unstructurer, VariantForm


class SerdeConverter(cattrs.Converter):
    """A cattrs converter that knows which serde profile it follows."""

    profile: Profile
    compiler: Compiler
    unstructurer: Unstructurer

    def structure_value(self, data: Any, cls: Any, *, unknown: UnknownPolicy = "ignore") -> Any:
        """Structure with an explicit unknown-field policy; errors are ``WireError``."""
        return self.compiled_structure(cls)(data, Context(unknown))

    def compiled_structure(self, cls: Any) -> Structure:
        return self.compiler.compile(shape_of(cls))

    def compiled_unstructure(self, cls: Any) -> Unstructure:
        return self.unstructurer.compile(shape_of(cls))


def _has_shape(tp: Any) -> bool:
    try:
        shape_of(tp)
    except (TypeError, KeyError, NameError):
        return False
    return True


def configure_serde(
    converter: SerdeConverter, profile: Profile, *, variant_form: VariantForm
) -> SerdeConverter:
    """Make ``converter`` follow serde for ``profile`` and write enums in ``variant_form``."""
    converter.profile = profile
    converter.compiler = Compiler(profile)
    converter.unstructurer = Unstructurer(variant_form, finite_floats=False)

    def structure_factory(tp: Any) -> Any:
        fn = converter.compiler.compile(shape_of(tp))

        def hook(value: Any, _: Any) -> Any:
            return fn(value, Context("ignore"))

        return hook

    def unstructure_factory(tp: Any) -> Any:
        shape: Shape = shape_of(tp)
        return converter.unstructurer.compile(shape)

    converter.register_structure_hook_factory(_has_shape, structure_factory)
    converter.register_unstructure_hook_factory(_has_shape, unstructure_factory)
    return converter
