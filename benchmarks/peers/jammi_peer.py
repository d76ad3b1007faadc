"""jammi-wire itself, through its public API (from_json also runs validate())."""

import jammi_wire as jw

from ._common import check

NAME = "jammi-wire"
NOTE = "serde_json-exact text; from_json includes validate()"

_from_json = jw.from_json
_to_json = jw.to_json
_structure = jw.structure
_unstructure = jw.unstructure


def decode(text):
    return _from_json(text)


def encode(obj):
    return _to_json(obj)


def encode_pretty(obj):
    return _to_json(obj, pretty=True)


def from_dict(d):
    return _structure(d)


def to_dict(obj):
    return _unstructure(obj)


check(NAME, decode, encode, encode_pretty, from_dict, to_dict)
