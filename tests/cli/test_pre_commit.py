"""The pre-commit hook, run by the real pre-commit tool in a scratch repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from jammi_wire import FineTuneConfig, to_json

PROJECT = Path(__file__).resolve().parents[2]


def _pre_commit() -> str:
    found = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    if not Path(found).exists():
        pytest.skip("pre-commit is not installed (pip install pre-commit)")
    if not (PROJECT / ".git").exists():
        pytest.skip("not a git checkout: pre-commit installs hooks from a repository")
    return found


def test_hook_manifest_is_what_pre_commit_reads() -> None:
    (hook,) = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "jammi-wire-check"
    assert hook["entry"] == "jammi-wire check"
    assert hook["language"] == "python"


def test_pre_commit_runs_the_hook_on_config_files_only(tmp_path: Path) -> None:
    pre_commit = _pre_commit()
    repo = tmp_path / "repo"
    (repo / "configs").mkdir(parents=True)
    (repo / ".github" / "workflows").mkdir(parents=True)
    good = to_json(FineTuneConfig(), pretty=True)
    (repo / "configs" / "fine-tune-base.json").write_text(good)
    (repo / "fine_tune.yaml").write_text("lora_rank: 8\nepochs: 3\nembedding_loss: angle\n")
    # YAML that is not a config: the hook must leave it alone
    (repo / ".github" / "workflows" / "ci.yml").write_text("on: push\njobs: {}\n")
    (repo / "docker-compose.yaml").write_text("services: {}\n")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")

    def hook() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [pre_commit, "try-repo", str(PROJECT), "jammi-wire-check", "--all-files"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )

    failed = hook()
    installing = failed.stdout + failed.stderr
    if "An unexpected error has occurred" in installing and any(
        word in installing
        for word in ("Could not find a version", "Failed to establish", "Temporary failure")
    ):
        pytest.skip("pre-commit could not install the hook's dependencies (no package index)")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "fine_tune.yaml:3:17: error: embedding_loss: unknown variant `angle`" in failed.stdout
    assert "hint: did you mean `angl_e`?" in failed.stdout
    assert "ci.yml" not in failed.stdout and "docker-compose" not in failed.stdout
    assert "configs/fine-tune-base.json: ok" in failed.stdout

    (repo / "fine_tune.yaml").write_text(yaml.safe_dump(yaml.safe_load(good)))
    git("add", ".")
    passed = hook()
    assert passed.returncode == 0, passed.stdout + passed.stderr
