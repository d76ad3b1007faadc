"""Fixtures and the import-time parity check every peer runs."""

import json
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DEFAULT = (FIXTURES / "default.json").read_text().strip()
FULL = (FIXTURES / "full.json").read_text().strip()

EMB_UNIT = ("co_sent", "angl_e", "cosine_mse")
REG_UNIT = ("gaussian_nll", "crps", "pinball")


def check(name, decode, encode, encode_pretty, from_dict, to_dict, plain_dict=True) -> None:
    """A peer that does not round-trip both fixtures to the same content is not comparable."""
    for text in (DEFAULT, FULL):
        want = json.loads(text)
        obj = decode(text)
        for got in (encode(obj), encode_pretty(obj)):
            if isinstance(got, bytes):
                got = got.decode()
            if json.loads(got) != want:
                raise AssertionError(f"{name}: re-encoded JSON differs:\n{got}\n{text}")
        if plain_dict and to_dict(from_dict(want)) != want:
            raise AssertionError(f"{name}: dict round trip differs")
