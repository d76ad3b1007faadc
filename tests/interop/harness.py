"""Client for the Rust interop harness (contract: HARNESS_PROTOCOL.md in the project notes).

The binary holds the spec's serde types verbatim and answers JSON Lines requests with the
real serde_json / serde_yaml verdicts and bytes, so tests compare against serde itself
rather than against our reading of it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CRATE = HERE / "rust"
MANIFEST = CRATE / "Cargo.toml"
BINARY = CRATE / "target" / "release" / "jammi-wire-harness"


class HarnessError(RuntimeError):
    """The harness process is missing, died, or answered out of protocol."""


def _newest_source_mtime() -> float:
    paths = [MANIFEST, CRATE / "Cargo.lock", *(CRATE / "src").rglob("*.rs")]
    return max(p.stat().st_mtime for p in paths if p.exists())


def find_binary(build: bool = True) -> Path | None:
    """The harness binary, built with cargo first when it is missing or older than its sources.

    Returns None when there is no usable binary and no cargo to build one.
    """
    stale = not BINARY.exists() or BINARY.stat().st_mtime < _newest_source_mtime()
    if not stale:
        return BINARY
    cargo = shutil.which("cargo")
    if cargo is None or not build:
        return BINARY if BINARY.exists() else None
    # --locked: the committed Cargo.lock pins the serde versions the vectors were made with.
    result = subprocess.run(
        [cargo, "build", "--release", "--locked", "--manifest-path", str(MANIFEST)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise HarnessError(f"cargo build of the harness failed:\n{result.stderr[-4000:]}")
    # cargo leaves the mtime alone when nothing changed; touch so the staleness check settles.
    BINARY.touch()
    return BINARY


class Harness:
    """One long-lived harness process; requests are answered in order, one line each."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[str] | None = None
        self._next_id = 0
        self._lock = threading.Lock()

    def start(self, path: Path | str | None = None) -> Harness:
        if path is None:
            path = find_binary()
            if path is None:
                raise HarnessError("no harness binary and no cargo to build it")
        self._proc = subprocess.Popen(
            [str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        return self

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            if proc.stdin is not None:
                proc.stdin.close()
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        finally:
            for stream in (proc.stdout, proc.stderr):
                if stream is not None:
                    stream.close()

    def __enter__(self) -> Harness:
        if self._proc is None:
            self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ transport

    def _died(self, what: str) -> HarnessError:
        proc = self._proc
        detail = ""
        if proc is not None:
            code = proc.poll()
            stderr = ""
            if code is not None and proc.stderr is not None:
                try:
                    stderr = proc.stderr.read()[-2000:]
                except (OSError, ValueError):
                    stderr = ""
            detail = f" (exit code {code}; stderr: {stderr!r})"
        return HarnessError(f"harness process {what}{detail}")

    def _exchange(self, requests: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        proc = self._proc
        if proc is None or proc.stdin is None or proc.stdout is None:
            raise HarnessError("harness not started")
        stamped = []
        for req in requests:
            self._next_id += 1
            stamped.append({**req, "id": self._next_id})
        payload = "".join(json.dumps(r, ensure_ascii=True) + "\n" for r in stamped)
        # Write from a thread so a large batch cannot deadlock on full pipes in both
        # directions: the harness answers while we are still writing.
        write_error: list[BaseException] = []

        def write() -> None:
            try:
                assert proc.stdin is not None
                proc.stdin.write(payload)
                proc.stdin.flush()
            except (OSError, ValueError) as exc:
                write_error.append(exc)

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        responses = []
        for req in stamped:
            line = proc.stdout.readline()
            if not line:
                writer.join(timeout=5)
                raise self._died(f"closed its output before answering request {req['id']}")
            try:
                resp = json.loads(line)
            except json.JSONDecodeError as exc:
                raise HarnessError(f"harness answered with non-JSON {line!r}") from exc
            if resp.get("id") != req["id"]:
                raise HarnessError(f"harness answered id {resp.get('id')} to request {req['id']}")
            responses.append(resp)
        writer.join()
        if write_error:
            raise self._died(f"refused input: {write_error[0]}")
        return responses

    def request(self, req: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            return self._exchange([req])[0]

    def request_many(self, reqs: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        with self._lock:
            return self._exchange(list(reqs))

    # ------------------------------------------------------------------ ops

    def decode(self, fmt: str, type_name: str, text: str) -> dict[str, Any]:
        return self.request({"op": "decode", "format": fmt, "type": type_name, "input": text})

    def decode_many(self, cases: Iterable[tuple[str, str, str]]) -> list[dict[str, Any]]:
        return self.request_many(
            {"op": "decode", "format": fmt, "type": type_name, "input": text}
            for fmt, type_name, text in cases
        )

    def parse_method(self, text: str) -> dict[str, Any]:
        return self.request({"op": "parse_method", "input": text})

    def default(self, type_name: str) -> dict[str, Any]:
        return self.request({"op": "default", "type": type_name})

    def random(self, seed: int, count: int) -> list[dict[str, Any]]:
        resp = self.request({"op": "random", "seed": seed, "count": count})
        if not resp.get("ok"):
            raise HarnessError(f"random failed: {resp.get('error')}")
        values: list[dict[str, Any]] = resp["values"]
        return values

    def bench(self, fmt: str, type_name: str, text: str, iterations: int = 20000) -> dict[str, Any]:
        return self.request(
            {
                "op": "bench",
                "format": fmt,
                "type": type_name,
                "input": text,
                "iterations": iterations,
            }
        )
