# Every target sets up what it needs: a fresh clone runs `make demo` or `make test` directly.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HARNESS_DIR := tests/interop/rust
HARNESS := $(HARNESS_DIR)/target/release/jammi-wire-harness

.PHONY: demo test install harness vectors lint typecheck pytest bench hostile fuzz fuzz-smoke clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dev,fuzz]' || $(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/python examples/demo.py examples/fine_tune.json

# Without cargo the harness is skipped locally; with CI=true a missing cargo fails the build.
harness:
	@if [ ! -f $(HARNESS_DIR)/Cargo.toml ]; then \
		echo "no harness crate yet" >&2; \
	elif command -v cargo >/dev/null 2>&1; then \
		cargo build --release --locked --quiet --manifest-path $(HARNESS_DIR)/Cargo.toml; \
	elif [ "$$CI" = "true" ]; then \
		echo "cargo is required when CI=true" >&2; exit 1; \
	else \
		echo "cargo not found: interop tests will use the checked-in vectors only" >&2; \
	fi

vectors: install harness
	$(BIN)/python tests/vectors/generate.py
	$(BIN)/python tests/vectors/eval/generate.py
	$(BIN)/python tests/vectors/releases/generate.py

pytest: install harness
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests examples $(wildcard benchmarks)
	$(BIN)/ruff format --check src

typecheck: install
	$(BIN)/mypy

test: pytest typecheck lint fuzz-smoke

fuzz-smoke: install
	@if [ -d tests/fuzz ]; then $(BIN)/python tests/fuzz/run_all.py --seconds 12; fi

fuzz: install
	$(BIN)/python tests/fuzz/run_all.py --seconds 300

bench: install harness
	$(BIN)/python -m pip install -q -e '.[bench]'
	$(BIN)/python benchmarks/run.py --write benchmarks/RESULTS.md

# Time and peak memory of the worst hostile inputs (issue 13 rows first; figures in benchmarks/HOSTILE.md).
hostile: install
	$(BIN)/python benchmarks/hostile.py

clean:
	rm -rf $(VENV) $(HARNESS_DIR)/target .pytest_cache .mypy_cache .ruff_cache
