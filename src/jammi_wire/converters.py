"""The configured converters and the ``structure`` / ``unstructure`` shortcuts.

``converter`` is a cattrs converter producing and accepting serde_json's data shape,
so a user's own attrs classes that embed these types (un)structure with it too.
"""

from __future__ import annotations

from typing import Any, TypeVar, overload

import cattrs

from .fine_tune import FineTuneConfig
from .preconf.json import JSON_PROFILE
from .serde.gen import Bail, Fast
from .serde.strategies import SerdeConverter, configure_serde
from .serde.structure import UnknownPolicy

__all__ = ["SerdeConverter", "converter", "make_converter", "structure", "unstructure"]

T = TypeVar("T")


def make_converter() -> SerdeConverter:
    """A fresh converter with the serde_json data shape."""
    return configure_serde(SerdeConverter(), JSON_PROFILE, variant_form="map")


converter = make_converter()


@overload
def structure(data: Any) -> FineTuneConfig: ...
@overload
def structure(data: Any, cls: type[T], *, unknown: UnknownPolicy = "warn") -> T: ...
def structure(data: Any, cls: Any = FineTuneConfig, *, unknown: UnknownPolicy = "warn") -> Any:
    """Build ``cls`` from serde_json-shaped data (dicts, lists, scalars) as serde would."""
    try:
        fast = _FAST_BY_CLASS[cls]
    except (KeyError, TypeError):
        fast = _fast_structure_for(cls)
    if fast is not None:
        try:
            return fast(data, [0])
        except Bail:
            pass  # the exact path finds serde's verdict, and handles unknown fields
    return converter.structure_value(data, cls, unknown=unknown)


_FAST_BY_CLASS: dict[Any, Fast | None] = {}


def _fast_structure_for(cls: Any) -> Fast | None:
    """The converter's generated structure function for ``cls`` (raises ``Bail`` where
    it does not vouch for the input), remembered per class; None where there is none."""
    try:
        return _FAST_BY_CLASS[cls]
    except KeyError:
        fast = _FAST_BY_CLASS[cls] = converter.compiled_fast(cls)
        return fast
    except TypeError:  # an unhashable type expression
        return converter.compiled_fast(cls)


def unstructure(obj: Any) -> Any:
    """serde_json's data shape of ``obj``: the dict ``json.loads(to_json(obj))`` gives."""
    return converter.unstructure(obj)


_ = cattrs  # the converter type users may annotate with
