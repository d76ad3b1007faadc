"""Clearances (jammi_wire.serde.clearance, jammi_wire._cleared): a document they clear
is one the full check finds nothing in, and they load no attrs.

A clearance may say "not cleared" for a clean document (the check then reads it the
full way); it must never clear a document the full check reports anything about.
Every case below asks both, for each generation's ``FineTuneConfig``: the vectors
(whose verdicts are serde's own, from the Rust harness) and documents made by breaking
a clean one a field at a time. The clean documents must clear, so the property is not
met by clearing nothing.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from jammi_wire._cleared import clears, quick_check
from jammi_wire._cleared._generate import sources
from jammi_wire.diagnostics import diagnose_text
from jammi_wire.preconf.json import to_json
from jammi_wire.preconf.yaml import to_yaml
from jammi_wire.releases import GENERATIONS

ROOT = Path(__file__).resolve().parent.parent
CLEARED = ROOT / "src" / "jammi_wire" / "_cleared"
VECTORS = Path(__file__).resolve().parent / "vectors"
NAMES = [g.name for g in GENERATIONS]


def config(generation: str) -> type:
    return next(g for g in GENERATIONS if g.name == generation).module.FineTuneConfig


def assert_sound(text: str, fmt: str, generation: str) -> bool:
    """Whether the clearance cleared ``text``; if it did, the full check agrees."""
    cleared = clears(text, fmt, generation)
    if cleared:
        found = diagnose_text(text, config(generation), format=fmt)  # type: ignore[arg-type]
        assert found == [], (generation, fmt, text, found)
    return cleared


def test_modules_are_what_the_generator_writes() -> None:
    """Stale after a change to a vocabulary, a rule or the generator: run
    ``python -m jammi_wire._cleared._generate``."""
    expected = sources()
    assert sorted(expected) == sorted(p.name for p in CLEARED.glob("g[0-9]*.py"))
    for name, text in expected.items():
        assert (CLEARED / name).read_text() == text, name


@pytest.mark.parametrize("generation", NAMES)
def test_clean_configs_clear(generation: str) -> None:
    cls = config(generation)
    full = json.loads((ROOT / "examples" / "fine_tune.json").read_text())
    objects = [cls()]
    if generation == "g1":
        from jammi_wire.preconf.json import from_json

        objects.append(from_json(json.dumps(full), cls))
    for obj in objects:
        for text, fmt in ((to_json(obj), "json"), (to_json(obj, pretty=True), "json"),
                          (to_yaml(obj), "yaml")):
            assert assert_sound(text, fmt, generation), (fmt, text)


def _vector_rows() -> list[tuple[str, dict[str, Any]]]:
    rows: list[tuple[str, dict[str, Any]]] = []
    for path in (VECTORS / "json.jsonl", VECTORS / "yaml.jsonl"):
        rows += [("g1", row) for row in map(json.loads, path.open())]
    for generation in NAMES:
        path = VECTORS / "releases" / f"{generation}.jsonl"
        rows += [(generation, row) for row in map(json.loads, path.open())]
    return [
        (generation, row)
        for generation, row in rows
        if row["type"].split("::")[-1] == "FineTuneConfig"
    ]


def test_vectors() -> None:
    cleared = 0
    for generation, row in _vector_rows():
        fmt = "json" if row["format"] == "json" else "yaml"
        if assert_sound(row["input"], fmt, generation):
            cleared += 1
            if row["format"] != "yaml_singleton_map":
                # serde itself read it (the `any` dialect reads both enum forms; the
                # vector's verdict is for one) and validate() found nothing.
                assert row["ok"] or row["format"] == "yaml", row["id"]
                assert row.get("validate") is None, row["id"]
    assert cleared >= 100


# Values put in place of one field's, as JSON and as YAML text: wrong types, edges of
# the integer and float rules, YAML 1.1 lookalikes, enum spellings, rule breakers.
_JSON_VALUES = [
    "0", "-1", "1", "-0", "1.0", "-0.0", "0.5", "1e400", "-1e400", "1e-400", "2.5e-8",
    "18446744073709551615", "18446744073709551616", "9223372036854775808", "-9223372036854775809",
    "340282366920938463463374607431768211456", "true", "false", "null", '""', '"x"',
    '"8"', '"\\ud800"', "[]", "[0]", "[1, 2]", "[0.5, 0.25]", "[0.25, 0.5]", "{}",
    '{"a": 1}', '"cosine_decay"', '"COSINE_DECAY"', '"cross_entropy"', '"co_sent"',
    '{"triplet": {"margin": 0.5}}', '{"triplet": {"margin": 0.5, "x": 1}}',
    '{"beta_nll": {"beta": 2.0}}', '{"beta_nll": {"beta": 0.5}}', '"pinball"',
    '{"pinball": null}', '{"steps": 10}', '{"fraction": 1.5}', '{"fraction": 0.1}',
    '"steps"', '{"mine": true, "k": 0, "exclude_hops": 1, "refresh_every": 1}',
    '{"mine": true, "k": 2, "exclude_hops": 1, "refresh_every": 1}', '"val_loss"',
    '"train_loss"', "NaN", "Infinity", "1E5", "1.7976931348623157e308", "3.4e38",
]
_YAML_VALUES = [
    "0", "-1", "1", "-0", "+1", "1.0", "-0.0", "0.5", ".5", "1e3", "1.0e+3", "1e400",
    "0x10", "0o10", "010", "1_000", "1:30", ".inf", "-.inf", ".nan", "~", "null", "Null",
    "NULL", "true", "True", "yes", "no", "on", "off", "y", "n", "''", "x", "'8'", '"8"',
    "18446744073709551615", "18446744073709551616", "[]", "[0]", "[1, 2]", "{}",
    "cosine_decay", "COSINE_DECAY", "cross_entropy", "co_sent", "!triplet {margin: 0.5}",
    "{triplet: {margin: 0.5}}", "!beta_nll {beta: 2.0}", "!pinball", "pinball",
    "!steps 10", "!fraction 1.5", "!fraction 0.1", "{fraction: 0.1}", "val_loss",
    "train_loss", "&a 1", "*a", "!!int 8", "!!str x", "[0.5, 0.25]", "[q_proj, v_proj]",
    "{mine: true, k: 0, exclude_hops: 1, refresh_every: 1}", "|\n  text",
]


def _field_names(generation: str) -> list[str]:
    from jammi_wire.serde.model import shape_of

    return [spec.wire for spec in shape_of(config(generation)).fields]


@pytest.mark.parametrize("generation", NAMES)
def test_one_field_broken_at_a_time(generation: str) -> None:
    """Each field of a clean document replaced by each value, removed, repeated,
    and an unknown key added: the clearance is sound on all of them, and clears some."""
    cls = config(generation)
    base = json.loads(to_json(cls()))
    names = _field_names(generation)
    cleared = tried = 0
    for name in names:
        for value in _JSON_VALUES:
            pairs = [f"{json.dumps(k)}: {value if k == name else json.dumps(v)}"
                     for k, v in base.items()]
            tried += 1
            cleared += assert_sound("{" + ", ".join(pairs) + "}", "json", generation)
        without = {k: v for k, v in base.items() if k != name}
        cleared += assert_sound(json.dumps(without), "json", generation)
        repeated = json.dumps(base)[:-1] + f", {json.dumps(name)}: {json.dumps(base[name])}}}"
        assert not assert_sound(repeated, "json", generation)
    assert not assert_sound(json.dumps({**base, "lora_rnak": 8}), "json", generation)

    lines = to_yaml(cls()).splitlines()
    top = [i for i, line in enumerate(lines) if line and not line[0].isspace()]
    for index in top:
        key = lines[index].split(":", 1)[0]
        end = next((i for i in top if i > index), len(lines))
        for value in _YAML_VALUES:
            text = "\n".join([*lines[:index], f"{key}: {value}", *lines[end:]]) + "\n"
            tried += 1
            cleared += assert_sound(text, "yaml", generation)
        rest = "\n".join([*lines[:index], *lines[end:]]) + "\n"
        cleared += assert_sound(rest, "yaml", generation)
    assert 50 < cleared < tried


@pytest.mark.parametrize("generation", NAMES)
def test_random_documents(generation: str) -> None:
    """Several fields replaced at once, in JSON and YAML (seeded: the same every run)."""
    cls = config(generation)
    base = json.loads(to_json(cls()))
    lines = to_yaml(cls()).splitlines()
    top = [i for i, line in enumerate(lines) if line and not line[0].isspace()]
    chance = random.Random(f"clearance-{generation}")
    for _ in range(400):
        picked = set(chance.sample(sorted(base), 3))
        pairs = [f"{json.dumps(k)}: {chance.choice(_JSON_VALUES) if k in picked else json.dumps(v)}"
                 for k, v in base.items()]
        assert_sound("{" + ", ".join(pairs) + "}", "json", generation)
        out: list[str] = []
        chosen = set(chance.sample(top, 3))
        for position, index in enumerate(top):
            end = top[position + 1] if position + 1 < len(top) else len(lines)
            if index in chosen:
                out.append(f"{lines[index].split(':', 1)[0]}: {chance.choice(_YAML_VALUES)}")
            else:
                out += lines[index:end]
        assert_sound("\n".join(out) + "\n", "yaml", generation)


def test_documents_it_leaves_to_the_full_check() -> None:
    clean = to_yaml(config("g1")())
    for text in ("", "  \n", "# nothing\n", "[]\n", "---\n" + clean + "---\n" + clean,
                 clean.replace("lora_rank: 8", "lora_rank: 8\n  epochs: 3")):
        assert not clears(text, "yaml")
    data = to_json(config("g1")())
    for text in ("", "\ufeff" + data, data + " x", "[" * 200 + "]" * 200, '{"a": NaN}'):
        assert not clears(text, "json")
    assert not clears(data, "jsonl")


def test_modules_load_without_attrs() -> None:
    script = textwrap.dedent(
        f"""
        import json, sys
        from jammi_wire._cleared import clears
        verdicts = [clears(open(sys.argv[1]).read(), "json", g) for g in {NAMES!r}]
        heavy = sorted(m for m in sys.modules if m in {{"attrs", "attr", "cattrs", "yaml"}}
                       or m.startswith(("jammi_wire.serde.model", "jammi_wire.fine_tune",
                                        "jammi_wire.releases", "jammi_wire.diagnostics")))
        print(json.dumps([verdicts, heavy]))
        """
    )
    document = ROOT / "examples" / "fine_tune.json"
    done = subprocess.run([sys.executable, "-c", script, str(document)], capture_output=True,
                          text=True, check=True)
    verdicts, heavy = json.loads(done.stdout)
    assert heavy == []
    assert verdicts[0] is True  # the example is a clean 0.26.3 config


def _run(args: list[str], cwd: Path) -> tuple[int, str, str]:
    done = subprocess.run([sys.executable, "-m", "jammi_wire", *args], capture_output=True,
                          text=True, cwd=cwd)
    return done.returncode, done.stdout, done.stderr


def test_check_prints_what_the_full_check_prints(tmp_path: Path) -> None:
    from jammi_wire.cli import main as full

    clean = tmp_path / "clean.yaml"
    clean.write_text(to_yaml(config("g1")()))
    other = tmp_path / "other.json"
    other.write_text(to_json(config("g1")()))
    broken = tmp_path / "broken.yaml"
    broken.write_text("lora_rank: -1\n")
    newer = tmp_path / "newer.yaml"
    newer.write_text(to_yaml(config("g5")()))
    for files in (
        ["clean.yaml"],
        ["clean.yaml", "other.json"],
        ["clean.yaml", "broken.yaml"],
        ["--release", "0.52.0", "newer.yaml"],
        ["newer.yaml", "--release=0.50.0"],
        ["--release", "0.52.0", "clean.yaml"],  # a 0.26 file read as 0.52: not clean
        ["newer.yaml"],
        ["--release", "9.9.9", "newer.yaml"],  # no such release: the command says so
        ["--release", "0.26.3", "--release", "0.54.0", "newer.yaml"],
        ["--report", "json", "clean.yaml", "other.json"],
        ["--report=github", "clean.yaml"],
        ["--report", "sarif", "--strict", "clean.yaml", "other.json"],
        ["--report", "sarif", "-o", "report.sarif", "clean.yaml"],
        ["--output=report.txt", "clean.yaml"],
        ["-o", "-", "clean.yaml"],
        ["-o", "json", "clean.yaml"],  # a report's name where a file belongs: usage
        ["--report", "nope", "clean.yaml"],
        ["-o", ".", "clean.yaml"],  # a directory: the command's I/O error
        ["--rel", "0.52.0", "newer.yaml"],  # argparse's prefix: the command's
    ):
        outputs = []
        for command in (
            [sys.executable, "-m", "jammi_wire"],
            [sys.executable, "-c", "import sys; from jammi_wire.cli import main; "
             "sys.exit(main(sys.argv[1:]))"],
        ):
            done = subprocess.run([*command, "check", *files], capture_output=True, text=True,
                                  cwd=tmp_path)
            written = {}
            for name in ("report.sarif", "report.txt"):
                if (tmp_path / name).exists():
                    written[name] = (tmp_path / name).read_text()
                    (tmp_path / name).unlink()
            outputs.append((done.returncode, done.stdout, done.stderr, written))
        assert outputs[0] == outputs[1], files
    assert _run(["check", "clean.yaml"], tmp_path)[:2] == (0, "clean.yaml: ok\n")
    assert _run(["check", "--release", "0.52.0", "newer.yaml"], tmp_path)[:2] == (
        0, "newer.yaml: ok\n")
    assert quick_check(["check", "--release", "0.52.0", str(newer)]) == 0
    assert quick_check(["check", "--release", "0.52", str(newer)]) is None
    assert _run(["check", "broken.yaml"], tmp_path)[0] == 1
    assert quick_check(["check", str(broken)]) is None
    assert quick_check(["check", "--strict", str(clean)]) == 0
    assert quick_check(["check", "--dialect", "singleton_map", str(clean)]) is None
    assert quick_check(["check", "--set", "lora_rank=4", str(clean)]) is None
    assert quick_check(["convert", str(clean)]) is None
    assert full(["check", str(clean)]) == 0


def test_files_read_once_and_write_errors_as_the_command(tmp_path: Path) -> None:
    """What cannot be read twice (a pipe) is left to the command, which reads it once;
    a report that cannot be written is the command's usage error (found by an attack
    on the clearances)."""
    clean = tmp_path / "clean.json"
    clean.write_text(to_json(config("g1")()))
    piped = tmp_path / "piped.json"
    piped.symlink_to("/dev/stdin")
    assert quick_check(["check", str(piped)]) is None
    for args in (["check", "piped.json"], ["check", "clean.json", "piped.json"]):
        done = subprocess.run([sys.executable, "-m", "jammi_wire", *args], input='{"lora_rank": 0}',
                              capture_output=True, text=True, cwd=tmp_path)
        assert done.returncode == 1
        assert "lora_rank must be > 0" in done.stdout
    with open("/dev/full", "w") as full_disk:
        done = subprocess.run([sys.executable, "-m", "jammi_wire", "check", "clean.json"],
                              stdout=full_disk, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    assert (done.returncode, done.stderr) == (2, "error: No space left on device\n")


def test_a_file_mixing_enum_forms_is_the_full_checks() -> None:
    """Tags for one enum and a single-key map for another: the `any` dialect reads
    each, serde_yaml reads neither file (tests/interop/test_live_enum_forms.py); the
    clearance leaves every map-form enum to the full check, which says so."""
    base = to_yaml(config("g5")())
    mixed = base.replace("embedding_loss: null", "embedding_loss:\n  triplet:\n    margin: 0.5")
    assert "warmup: !" in mixed
    assert not clears(mixed, "yaml", "g5")
    found = diagnose_text(mixed, config("g5"), format="yaml")
    assert [d.code for d in found] == ["decode"]
    assert found[0].hint is not None and "one form in a file" in found[0].hint
    # convert (with --set) reads it as from_yaml does, and writes one form
    from jammi_wire.diagnostics import read_text

    value, problems = read_text(mixed, config("g5"), format="yaml")
    assert value is not None and problems == []
    tags = base.replace("embedding_loss: null", "embedding_loss: !triplet\n  margin: 0.5")
    assert assert_sound(tags, "yaml", "g5")
