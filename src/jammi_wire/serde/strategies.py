"""Installing serde's rules on a cattrs converter.

Like cattrs' own strategies, :func:`configure_serde` takes a converter and
registers hook factories on it: every type :func:`shape_of` understands (attrs
classes, the enum families, strict scalars, lists, string-keyed dicts, Optionals)
then structures and unstructures the way serde does for one format profile.
"""

from __future__ import annotations

from typing import Any

import cattrs

from .gen import Bail, Fast, FastCompiler
from .model import Shape, shape_of
from .structure import Compiler, Context, Profile, Structure, UnknownPolicy
from .unstructure import Unstructure, Unstructurer, VariantForm


class SerdeConverter(cattrs.Converter):
    """A cattrs converter that knows which serde profile it follows."""

    profile: Profile
    compiler: Compiler
    fast_compiler: FastCompiler | None
    unstructurer: Unstructurer
    _entries: dict[int, Structure]

    def structure_value(self, data: Any, cls: Any, *, unknown: UnknownPolicy = "ignore") -> Any:
        """Structure with an explicit unknown-field policy; errors are ``WireError``."""
        return self.compiled_structure(cls)(data, Context(unknown))

    def compiled_structure(self, cls: Any) -> Structure:
        """The structure function for ``cls``: the generated fast path where one exists,
        falling back to the exact path for anything it does not vouch for."""
        shape = shape_of(cls)
        entry = self._entries.get(id(shape))
        if entry is not None:
            return entry
        exact = self.compiler.compile(shape)
        fast = self.fast_compiler.compile(shape) if self.fast_compiler is not None else None
        if fast is None:
            entry = exact
        else:
            fast_fn = fast

            def entry(value: Any, ctx: Context) -> Any:
                try:
                    return fast_fn(value, [0])
                except Bail:
                    return exact(value, ctx)

        self._entries[id(shape)] = entry
        return entry

    def compiled_fast(self, cls: Any) -> Fast | None:
        """The generated fast path alone (raises ``Bail``), or None where there is none."""
        if self.fast_compiler is None:
            return None
        return self.fast_compiler.compile(shape_of(cls))

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
    # Generated code checks typed scalars only; formats with untyped scalars (YAML)
    # use the exact path throughout.
    converter.fast_compiler = FastCompiler() if profile.typed_scalars else None
    converter._entries = {}
    converter.unstructurer = Unstructurer(variant_form, finite_floats=False)

    def structure_factory(tp: Any) -> Any:
        fn = converter.compiled_structure(tp)

        def hook(value: Any, _: Any) -> Any:
            return fn(value, Context("ignore"))

        return hook

    def unstructure_factory(tp: Any) -> Any:
        shape: Shape = shape_of(tp)
        return converter.unstructurer.compile(shape)

    converter.register_structure_hook_factory(_has_shape, structure_factory)
    converter.register_unstructure_hook_factory(_has_shape, unstructure_factory)
    return converter
