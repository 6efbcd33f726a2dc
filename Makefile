# The two set-up commands in the README: `make play` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: play test bench lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

play: $(STAMP)
	mkdir -p saves
	$(BIN)/wargame play iraq-2020 --save "saves/$$(date +%Y%m%d-%H%M%S)-iraq-2020.db"

# The suite on two processes (pytest-xdist), then the tests that race a wall clock (real terminals, browsers,
# seats' one-second repaint) alone, so that they do not share the cores; fails if either part fails.
JOBS ?= 2
test: $(STAMP)
	status=0; \
	$(BIN)/python -m pytest -q -n $(JOBS) --dist loadfile -m 'not realtime' || status=1; \
	$(BIN)/python -m pytest -q -m realtime || status=1; \
	exit $$status

bench: $(STAMP)
	for f in bench/bench_*.py; do $(BIN)/python $$f || exit 1; done

lint: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	$(BIN)/ruff check wargame tests bench
	$(BIN)/mypy wargame

clean:
	rm -rf $(VENV) build dist *.egg-info
