"""Start-up cost: each entry point imports what it needs, when it needs it.

Every check runs a fresh interpreter and looks at ``sys.modules``, never at a clock:
``import jammi_wire`` alone loads none of the vocabulary, the serde layer or JSON (they
load with the first name used); the vocabulary and JSON must not load cattrs, PyYAML,
the YAML writer, the diagnostics or the command line; reading YAML must not load the
YAML writer, nor PyYAML for a block-style document; ``check`` must not load cattrs or
the YAML writer, nor PyYAML for JSON; a check of a clean file, answered by its
clearance, loads neither attrs nor the vocabulary.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

# Modules no entry point below needs: loading one of them is a start-up regression.
# (PyYAML's package loads its own emitter with its parser: only ours can stay out.)
WRITERS = {"jammi_wire.preconf._yaml_emit"}
CLI = {"jammi_wire.cli", "argparse"}
HEAVY = {"cattrs", "jammi_wire.converters", "jammi_wire.testing", "hypothesis"}
YAML = {"yaml", "jammi_wire.preconf.yaml", "jammi_wire.preconf._yaml_load"}
# The full YAML loader: PyYAML and our event reader on it (only off the block subset).
LOADER = {"yaml", "jammi_wire.preconf._yaml_load"}
DIAGNOSTICS = {"jammi_wire.diagnostics", "difflib"}
# Used in messages and f32 corner cases only (Rust's float Display, exact f32 rounding).
NUMERIC = {"decimal", "fractions"}
# What `import jammi_wire` defers to the first use of a name: the vocabulary's classes
# (and attrs, which builds them), the serde layer and the JSON codec.
CORE = {"attrs", "orjson", "jammi_wire.fine_tune", "jammi_wire.serde", "jammi_wire.preconf"}
CHECK_NEEDS_NONE = {
    "signal",
    "difflib",
    "pathlib",
    "shutil",
    "jammi_wire.edit",
    "jammi_wire.releases",
}


SMALL_YAML = """\
lora_rank: 8
lora_alpha: 16.0
lora_dropout: 0.05
learning_rate: 0.0002
epochs: 3
batch_size: 8
max_seq_length: 512
embedding_loss: null
classification_loss: null
gradient_accumulation_steps: 1
validation_fraction: 0.1
early_stopping_patience: 3
warmup_steps: 100
lr_schedule: cosine_decay
"""


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "small.yaml").write_text(SMALL_YAML)
    (tmp_path / "small.json").write_text(json.dumps(yaml.safe_load(SMALL_YAML)))
    return tmp_path


def _loaded_after(code: str, cwd: Path = ROOT) -> set[str]:
    """The modules loaded after running ``code`` in a fresh interpreter in ``cwd``."""
    # (the list is taken before this script imports json to print it)
    script = textwrap.dedent(code) + (
        "\nimport sys\n_loaded = sorted(sys.modules)\nimport json\nprint(json.dumps(_loaded))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=cwd
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


def _assert_none(loaded: set[str], forbidden: set[str]) -> None:
    # A package counts with its submodules (`yaml` forbids `yaml.*` too).
    found = sorted(
        name
        for name in loaded
        if any(name == bad or name.startswith(bad + ".") for bad in forbidden)
    )
    assert not found, f"loaded without need: {found}"


def test_import_loads_nothing_until_a_name_is_used() -> None:
    loaded = _loaded_after("import jammi_wire")
    _assert_none(
        loaded,
        WRITERS | CLI | HEAVY | YAML | DIAGNOSTICS | NUMERIC | CORE | {"jammi_wire.io"},
    )


def test_vocabulary_loads_only_the_json_path() -> None:
    loaded = _loaded_after("from jammi_wire import FineTuneConfig")
    assert "jammi_wire.fine_tune" in loaded
    _assert_none(
        loaded, WRITERS | CLI | HEAVY | YAML | DIAGNOSTICS | NUMERIC | {"jammi_wire.io"}
    )


def test_subpackages_resolve_after_a_plain_import() -> None:
    # what `import jammi_wire` loaded before it was lazy is still reachable by attribute
    loaded = _loaded_after(
        """
        import jammi_wire
        assert jammi_wire.serde.structure.Compiler and jammi_wire.preconf.json.from_json
        assert jammi_wire.lora.LoraInitMode and jammi_wire.fine_tune.FineTuneConfig
        """
    )
    assert loaded >= CORE


def test_json_round_trip_loads_no_yaml_cli_or_cattrs() -> None:
    loaded = _loaded_after(
        """
        import jammi_wire as jw
        text = jw.to_json(jw.FineTuneConfig(lora_rank=4))
        assert jw.from_json(text).lora_rank == 4
        try:
            jw.from_json('{"lora_rank": "x"}')  # the exact path and its error positions
        except jw.WireError:
            pass
        """
    )
    _assert_none(loaded, WRITERS | CLI | HEAVY | YAML | DIAGNOSTICS)


def test_yaml_read_loads_no_writer_or_cattrs(workdir: Path) -> None:
    loaded = _loaded_after(
        """
        import jammi_wire as jw
        assert jw.from_yaml(open("small.yaml").read()).lora_rank == 8
        from jammi_wire.preconf import _yaml_fast
        assert _yaml_fast._unvouched_wide is None  # ASCII: the small character class
        """,
        workdir,
    )
    # A block-style document is read without the full loader, so without PyYAML.
    assert "jammi_wire.preconf._yaml_fast" in loaded
    _assert_none(loaded, WRITERS | CLI | HEAVY | DIAGNOSTICS | LOADER)


def test_yaml_loader_loads_on_use(workdir: Path) -> None:
    loaded = _loaded_after(
        """
        import jammi_wire as jw
        text = open("small.yaml").read().replace("8", "&a 8", 1)  # an anchor
        assert jw.from_yaml(text).lora_rank == 8
        """,
        workdir,
    )
    assert "jammi_wire.preconf._yaml_load" in loaded
    assert "yaml" in loaded
    _assert_none(loaded, WRITERS | CLI | HEAVY | DIAGNOSTICS)


def test_yaml_write_loads_the_writer_on_use() -> None:
    loaded = _loaded_after(
        """
        import jammi_wire as jw
        jw.to_yaml(jw.FineTuneConfig())
        """
    )
    assert "jammi_wire.preconf._yaml_emit" in loaded
    _assert_none(loaded, CLI | HEAVY)


@pytest.mark.parametrize("name", ["small.yaml", "small.json"])
def test_check_loads_no_writer_or_cattrs(workdir: Path, name: str) -> None:
    loaded = _loaded_after(
        f"""
        from jammi_wire.cli import main
        assert main(["check", {name!r}]) == 0
        """,
        workdir,
    )
    # The signal handlers of atomic writes are installed when something is written; a
    # valid file needs no did-you-mean (difflib), no --set (the editing module), no note
    # on which other releases read it (the releases package), no pathlib, and no shutil
    # (argparse's terminal width is looked up when help or an error is written).
    _assert_none(loaded, WRITERS | HEAVY | NUMERIC | CHECK_NEEDS_NONE)
    if name.endswith(".json"):  # PyYAML only for YAML documents
        _assert_none(loaded, YAML)
    else:  # and the JSON codec (and orjson) only for JSON; a YAML file in the block
        # subset, with plain scalars whose YAML 1.1 reading is plain to see, needs
        # neither PyYAML nor the event reader on it
        _assert_none(loaded, {"jammi_wire.preconf.json", "orjson"} | LOADER)
        assert "jammi_wire.preconf._yaml_fast" in loaded


@pytest.mark.parametrize("name", ["small.yaml", "small.json"])
def test_check_of_a_clean_file_builds_no_classes(workdir: Path, name: str) -> None:
    """The command's entry point answers a clean file from its clearance: no attrs, no
    vocabulary, no diagnostics, no argument parser (jammi_wire._cleared)."""
    loaded = _loaded_after(
        f"""
        from jammi_wire.__main__ import main
        assert main(["check", {name!r}]) == 0
        """,
        workdir,
    )
    assert "jammi_wire._cleared.g1" in loaded
    _assert_none(
        loaded,
        WRITERS | CLI | HEAVY | YAML | DIAGNOSTICS | NUMERIC | CHECK_NEEDS_NONE
        | {"attrs", "attr", "jammi_wire.fine_tune", "jammi_wire.serde.model", "orjson"}
        | ({"json"} if name.endswith(".yaml") else set()),  # the text report needs none
    )


def test_check_of_a_clean_file_of_a_release_builds_no_classes(workdir: Path) -> None:
    (workdir / "newer.yaml").write_text(
        SMALL_YAML.replace("warmup_steps: 100", "warmup: !steps 100")
    )
    loaded = _loaded_after(
        """
        from jammi_wire.__main__ import main
        assert main(["check", "--release", "0.52.0", "newer.yaml"]) == 0
        """,
        workdir,
    )
    assert "jammi_wire._cleared.g5" in loaded
    _assert_none(
        loaded,
        WRITERS | CLI | HEAVY | YAML | DIAGNOSTICS | NUMERIC | CHECK_NEEDS_NONE
        | {"attrs", "attr", "jammi_wire.fine_tune", "jammi_wire.serde.model", "orjson"},
    )


def test_check_loads_pyyaml_for_what_needs_it(workdir: Path) -> None:
    # An anchor is off the block subset (the full loader), `yes` a scalar whose YAML
    # 1.1 reading is PyYAML's to say.
    (workdir / "anchor.yaml").write_text(SMALL_YAML.replace("8", "&a 8", 1))
    (workdir / "yes.yaml").write_text(SMALL_YAML.replace("cosine_decay", "yes"))
    for name, code in (("anchor.yaml", 0), ("yes.yaml", 1)):
        loaded = _loaded_after(
            f"""
            from jammi_wire.cli import main
            assert main(["check", {name!r}]) == {code}
            """,
            workdir,
        )
        assert "yaml" in loaded, name


def test_lazy_names_resolve() -> None:
    import jammi_wire as jw

    for name in jw.__all__:
        assert getattr(jw, name) is not None
    assert set(jw.__all__) <= set(dir(jw))
    with pytest.raises(AttributeError):
        _ = jw.no_such_name  # type: ignore[attr-defined]
