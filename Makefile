# assay: `make run` ingests the example corpus and prints who claims what, where and what happened; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: install run test lint eval bench bench-corpus bench-series clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/assay --places examples/places.tsv ingest examples/corpus.jsonl
	$(BIN)/assay claims
	$(BIN)/assay estimates
	$(BIN)/assay sources --limit 8
	$(BIN)/assay places
	$(BIN)/assay events
	$(BIN)/assay brief -o brief.html

test: $(STAMP)
	$(BIN)/ruff check src tests eval bench
	$(BIN)/pytest -q

eval: $(STAMP)
	$(BIN)/python eval/run_eval.py --shared $(SHARED)

bench: $(STAMP)
	$(BIN)/python bench/bench_extract.py --shared $(SHARED)
	$(BIN)/python bench/bench_places.py
	$(BIN)/python bench/bench_dedupe.py --shared $(SHARED)

bench-corpus: $(STAMP)
	$(BIN)/python bench/bench_corpus.py --shared $(SHARED)

bench-series: $(STAMP)
	$(BIN)/python bench/bench_series.py --shared $(SHARED)

clean:
	rm -rf $(VENV) assay.db assay.db-wal assay.db-shm brief.html build *.egg-info
