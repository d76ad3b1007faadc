"""Every generation against its real serde, every run (issue 11).

* Round trips: the harness's random configs of each generation, written by serde in
  JSON and both YAML dialects, read by ``jammi_wire.releases.gN`` and written back
  byte for byte in all four encodings, with serde's validate() verdict.
* Mutation verdicts and ``compat``: mutated documents (fields dropped, fields of other
  generations added, unknown fields at the top and inside struct variants, values out of
  range or of the wrong shape) are read by every generation's serde and by ours: the
  same verdict and message per generation, and ``compat`` reports exactly those.
* ``migrate``: random configs of each generation moved to every other one; the result
  is read by the target generation's serde and equals the expected value, worked out
  here independently of ``migrate``.

Sizes are kept proportionate to the shared CI machine (a few hundred per generation).
"""

from __future__ import annotations

import json
import random
import re
import warnings
from collections import Counter
from typing import Any

import pytest
from harness import Harness
from test_live_roundtrip import sort_rank_pattern

import jammi_wire as jw
from jammi_wire import FineTuneError, WireError
from jammi_wire.releases import GENERATIONS
from jammi_wire.releases.compat import compat
from jammi_wire.releases.migrate import DataLossWarning, MigrationError, migrate

GENS = [g.number for g in GENERATIONS]
FORMATS = ("json", "yaml", "yaml_singleton_map")
DIALECT = {"yaml": "tags", "yaml_singleton_map": "singleton_map"}
ROUND_TRIPS = 70  # per generation, x 3 formats
MUTATIONS = 100  # per generation and format, each read by all five generations
MIGRATIONS = 40  # per source generation, x 5 targets


def cls_of(gen: int) -> type:
    cls: type = GENERATIONS[gen - 1].module.FineTuneConfig
    return cls


def randoms(rust: Harness, gen: int, seed: int, count: int) -> list[dict[str, Any]]:
    resp = rust.request(
        {"op": "random_release", "type": f"g{gen}::FineTuneConfig", "seed": seed, "count": count}
    )
    assert resp["ok"], resp
    values: list[dict[str, Any]] = resp["values"]
    return values


def read(text: str, fmt: str, cls: type) -> Any:
    if fmt == "json":
        return jw.from_json(text, cls, validate=False, unknown="ignore")
    return jw.from_yaml(text, cls, dialect=DIALECT[fmt], validate=False, unknown="ignore")


def serde_text(error: WireError, fmt: str) -> str:
    """Our error spelled as serde's Display spells it for the format."""
    if fmt != "json":
        return str(error)
    text = error.message
    if error.line is not None:
        text += f" at line {error.line} column {error.column}"
    return text


def validate_message(obj: Any) -> str | None:
    try:
        obj.validate()
    except FineTuneError as error:
        return str(error)
    return None


# Known divergences of the serde layer (strict xfails in tests/test_release_vectors.py).
def known(fmt: str, serde_error: str | None, ours: str | None) -> bool:
    if serde_error is None or ours is None:
        return False
    # A map with two keys for an enum whose first key is no variant: serde_json
    # reports the unknown variant, we report the second key ("expected value").
    return (
        fmt == "json"
        and serde_error.startswith("unknown variant")
        and ours.startswith("expected value")
    )


@pytest.mark.parametrize("gen", GENS)
def test_random_configs_round_trip(rust: Harness, gen: int) -> None:
    cls = cls_of(gen)
    checked = 0
    for value in randoms(rust, gen, seed=1100 + gen, count=ROUND_TRIPS):
        for fmt in FORMATS:
            obj = read(value[fmt], fmt, cls)
            assert validate_message(obj) == value["validate"]
            assert jw.to_json(obj) == value["json"]
            assert jw.to_json(obj, pretty=True) == value["json_pretty"]
            assert jw.to_yaml(obj, dialect="tags") == value["yaml"]
            assert jw.to_yaml(obj, dialect="singleton_map") == value["yaml_singleton_map"]
            checked += 1
    assert checked == ROUND_TRIPS * len(FORMATS)


@pytest.mark.parametrize("gen", GENS)
def test_defaults_are_serdes(rust: Harness, gen: int) -> None:
    module = GENERATIONS[gen - 1].module
    for name in ("FineTuneConfig", "HardNegativeConfig", "EmbeddingLoss", "RegressionLoss"):
        resp = rust.default(f"g{gen}::{name}")
        cls = getattr(module, name)
        value = cls.default() if hasattr(cls, "default") else cls()
        assert jw.to_json(value) == resp["json"], name
        assert jw.to_yaml(value) == resp["yaml"], name
    if gen == 5:
        assert jw.to_json(module.Warmup.default()) == rust.default("g5::Warmup")["json"]


# ------------------------------------------------------------------ mutations

# Values that probe what changed between generations: u32/u64 ranges, the warmup enum,
# non-finite floats, wrong shapes.
JSON_VALUES = [
    -1,
    0,
    1,
    7,
    42,
    2**32 - 1,
    2**32,
    2**64 - 1,
    2**64,
    1.5,
    "7",
    None,
    True,
    [1],
    {},
    {"steps": 5},
    {"fraction": 0.5},
    {"fraction": 2.0},
    {"fraction": -0.0},
    "steps",
    {"steps": -1},
    {"minutes": 1},
    {"steps": 1, "fraction": 0.1},
]
YAML_VALUES = [
    "-1",
    "0",
    "1",
    "42",
    "4294967295",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
    "1.5",
    "'7'",
    "~",
    "true",
    "[1]",
    "{}",
    ".inf",
    "-.inf",
    ".nan",
    "0x10",
    "!steps 5",
    "!fraction 0.5",
    "!fraction 2.0",
    "steps",
    "{steps: 5}",
    "{fraction: 0.25}",
    "!minutes 1",
]
GENERATION_FIELDS = ["seed", "keep_last_n_checkpoints", "warmup", "warmup_steps"]
TOP_FIELDS = [*GENERATION_FIELDS, "max_grad_norm", "lora_rank", "backbone_dtype", "x_extra"]


def mutate_json(text: str, rng: random.Random) -> str:
    doc = json.loads(text)
    for _ in range(rng.choice([1, 1, 2, 3])):
        choice = rng.randrange(6)
        if choice == 0 and doc:
            del doc[rng.choice(list(doc))]
        elif choice in (1, 2):
            doc[rng.choice(TOP_FIELDS)] = rng.choice(JSON_VALUES)
        elif choice == 3:
            doc["hard_negatives"] = {**(doc.get("hard_negatives") or {}), "extra": 1}
        elif choice == 4:
            loss = rng.choice(
                [
                    {"triplet": {"margin": 0.5, "scale": 2}},
                    {"multiple_negatives_ranking": {"t": 1, "temperature": 20.0}},
                    {"triplet": {"margin": 0.5}},
                    "co_sent",
                ]
            )
            doc["embedding_loss"] = loss
        else:
            doc["regression_loss"] = rng.choice(
                [{"beta_nll": {"beta": 0.5, "gamma": 1}}, {"beta_nll": {"beta": 2.0}}, "pinball"]
            )
    return json.dumps(doc, indent=rng.choice([None, 2]))


def _top_level_blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith((" ", "- ")) and blocks:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def mutate_yaml(text: str, fmt: str, rng: random.Random) -> str:
    blocks = _top_level_blocks(text)
    for _ in range(rng.choice([1, 1, 2, 3])):
        choice = rng.randrange(6)
        if choice == 0 and blocks:
            del blocks[rng.randrange(len(blocks))]
            continue
        if choice in (1, 2):
            field, value = rng.choice(TOP_FIELDS), rng.choice(YAML_VALUES)
            new = [f"{field}: {value}"]
        elif choice == 3:
            new = [
                "hard_negatives:",
                "  mine: true",
                "  k: 2",
                "  exclude_hops: 1",
                "  refresh_every: 1",
                "  extra: 1",
            ]
            field = "hard_negatives"
        elif choice == 4:
            field = "embedding_loss"
            if fmt == "yaml":
                new = ["embedding_loss: !triplet", "  margin: 0.5", "  scale: 2"]
            else:
                new = ["embedding_loss:", "  triplet:", "    margin: 0.5", "    scale: 2"]
        else:
            field = "warmup"
            new = rng.choice(
                [
                    ["warmup:", "  steps: 5"],
                    ["warmup: !steps 5"],
                    ["warmup: !fraction 1.0"],
                    ["warmup:", "  fraction: 0.3"],
                ]
            )
        blocks = [b for b in blocks if not b[0].startswith(field + ":")]
        blocks.insert(rng.randrange(len(blocks) + 1), new)
    return "".join(line + "\n" for block in blocks for line in block)


def mutated(rust: Harness, gen: int, fmt: str) -> list[str]:
    """The serde-written random configs themselves, then ``MUTATIONS`` mutations of them."""
    rng = random.Random(f"{gen}-{fmt}")
    bases = randoms(rust, gen, seed=2200 + gen, count=30)
    out = [base[fmt] for base in bases]
    for _ in range(MUTATIONS):
        base = rng.choice(bases)[fmt]
        out.append(mutate_json(base, rng) if fmt == "json" else mutate_yaml(base, fmt, rng))
    return out


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("gen", GENS)
def test_mutation_verdicts_and_compat(rust: Harness, gen: int, fmt: str) -> None:
    """Every generation's serde and ours agree on each random and mutated document of
    generation ``gen``; so does compat, per generation."""
    texts = mutated(rust, gen, fmt)
    requests = [(fmt, f"g{target}::FineTuneConfig", text) for text in texts for target in GENS]
    responses = iter(rust.decode_many(requests))
    tally = Counter[str]()
    for text in texts:
        verdicts = compat(
            text, format="json" if fmt == "json" else "yaml", dialect=DIALECT.get(fmt, "tags")
        )
        for target, verdict in zip(GENS, verdicts, strict=True):
            resp = next(responses)
            ours = None if verdict.error is None else serde_text(verdict.error, fmt)
            if known(fmt, resp.get("error"), ours):
                tally["known"] += 1
                continue
            assert verdict.accepted == resp["ok"], (target, text, resp.get("error"), ours)
            if not resp["ok"]:
                assert ours == resp["error"], (target, text)
                tally["rejected"] += 1
                continue
            obj = read(text, fmt, cls_of(target))
            problem = None if verdict.problem is None else str(verdict.problem)
            assert problem == resp["validate"], (target, text)
            if resp.get("json") is not None and not _non_finite(obj):
                ours_json = sort_rank_pattern(jw.to_json(obj))
                assert ours_json == sort_rank_pattern(resp["json"]), (target, text)
            tally["accepted"] += 1
    # The mutations must exercise both verdicts in every generation.
    assert tally["accepted"] > 20 and tally["rejected"] > 20, tally


def _non_finite(obj: Any) -> bool:
    return bool(re.search(r"\b(nan|inf)\b", repr(obj)))


# ------------------------------------------------------------------ migrate


def expected_migration(doc: dict[str, Any], a: int, b: int) -> tuple[dict[str, Any], set[str]]:
    """The config a migration from generation ``a`` to ``b`` must give, as JSON data (absent
    fields take the target's serde defaults), and the fields whose value is lost."""
    out = dict(doc)
    lost: set[str] = set()
    if b < 2 and out.pop("seed", 42) != 42:
        lost.add("seed")
    if b < 4 and out.pop("keep_last_n_checkpoints", None) is not None:
        lost.add("keep_last_n_checkpoints")
    if a >= 5 > b:
        warmup = out.pop("warmup")
        if "steps" in warmup:
            out["warmup_steps"] = warmup["steps"]
        else:
            out["warmup_steps"] = 100
            lost.add("warmup")
    if a < 5 <= b:
        out["warmup"] = {"steps": out.pop("warmup_steps")}
    return out, lost


@pytest.mark.parametrize("source", GENS)
def test_migrations_are_read_by_the_target_serde(rust: Harness, source: int) -> None:
    pool = randoms(rust, source, seed=3300 + source, count=8 * MIGRATIONS)
    # Mostly configs that pass validate(), so most migrations go through to the end.
    valid = [v for v in pool if v["validate"] is None]
    values = (
        valid[: MIGRATIONS * 3 // 4]
        + [v for v in pool if v["validate"] is not None][
            : MIGRATIONS - min(len(valid), MIGRATIONS * 3 // 4)
        ]
    )
    configs = [jw.from_json(v["json"], cls_of(source), validate=False) for v in values]
    plans = []
    for value in values:
        for target in GENS:
            want, lost = expected_migration(json.loads(value["json"]), source, target)
            plans.append((target, want, lost))
    expected = rust.decode_many(
        ("json", f"g{target}::FineTuneConfig", json.dumps(want)) for target, want, _ in plans
    )
    ours_texts: list[tuple[int, str, str]] = []
    outcomes = Counter[str]()
    for config, (target, _want, lost), serde in zip(
        [c for c in configs for _ in GENS], plans, expected, strict=True
    ):
        assert serde["ok"], serde
        if lost:
            with pytest.raises(MigrationError) as refused:
                migrate(config, f"g{target}")
            assert refused.value.path[0] in lost
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                result = migrate(config, f"g{target}", lossy=True)
        except MigrationError as error:
            # The target's validate() refuses the migrated config: the same rule as serde's.
            assert serde["validate"] is not None
            assert str(error).endswith(serde["validate"])
            outcomes["refused by validate"] += 1
            continue
        assert serde["validate"] is None
        dropped = {str(w.message).split(" = ")[0] for w in caught if w.category is DataLossWarning}
        assert dropped == lost
        ours_texts.append((target, "json", jw.to_json(result)))
        ours_texts.append((target, "yaml", jw.to_yaml(result)))
        outcomes["migrated"] += 1
    # What we wrote, the target generation's serde reads, to the expected value.
    reread = rust.decode_many((f, f"g{t}::FineTuneConfig", text) for t, f, text in ours_texts)
    serde_expected = [s for s in expected if s["validate"] is None for _ in ("json", "yaml")]
    for resp, want in zip(reread, serde_expected, strict=True):
        assert resp["ok"], resp
        assert json.loads(resp["json"]) == json.loads(want["json"])
    assert outcomes["migrated"] > 2 * MIGRATIONS, outcomes


@pytest.mark.parametrize("gen", [4, 5])
def test_held_out_results_round_trip(rust: Harness, gen: int) -> None:
    """The G4+ result types: serde-written random values read and rewritten byte for byte."""
    resp = rust.request(
        {"op": "random_release", "type": f"g{gen}::HeldOutLoss", "seed": 4400 + gen, "count": 60}
    )
    assert resp["ok"], resp
    cls = GENERATIONS[gen - 1].module.HeldOutLoss
    for value in resp["values"]:
        for fmt in FORMATS:
            obj = read(value[fmt], fmt, cls)
            assert jw.to_json(obj) == value["json"]
            assert jw.to_yaml(obj, dialect="tags") == value["yaml"]
            assert jw.to_yaml(obj, dialect="singleton_map") == value["yaml_singleton_map"]
