# stance: `make help` lists the targets.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STANCE := $(VENV)/bin/stance
# mlflow models serve starts uvicorn from PATH: put the venv first.
export PATH := $(abspath $(VENV))/bin:$(PATH)
# The project's tracking store, by absolute path: `stance` finds the same file from any folder (see README).
export MLFLOW_TRACKING_URI ?= sqlite:///$(CURDIR)/mlflow.db
ARTIFACTS ?= mlruns
PUBLIC_DATA ?= ../shared/data
PARAMS ?= training/params.yaml
DATA ?= datasets/sentences.csv
PORT ?= 5000
UI_PORT ?= 5001
MODEL ?= models:/stance@champion

.DEFAULT_GOAL := help
.PHONY: help setup train score serve ui test check bench benchmark study example clean

help: ## List the targets
	@grep -hE '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -e 's/\$$(PORT)/$(PORT)/g' -e 's/\$$(UI_PORT)/$(UI_PORT)/g' \
		| awk -F':.*## ' '{printf "  \033[1m%-10s\033[0m %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

setup: $(VENV)/.installed ## Create .venv and install the project with its dev tools

train: setup ## Train on the bundled corpus (+ public corpora when present), log to MLflow, register stance@champion (V=1: library output too)
	$(STANCE) train --data $(DATA) --params $(PARAMS) --public-data $(PUBLIC_DATA) --artifact-root $(ARTIFACTS) $(if $(V),-v)

score: setup ## Score a CSV: make score IN=in.csv OUT=out.csv [MODEL=uri]
	@test -n "$(IN)" -a -n "$(OUT)" || { echo "usage: make score IN=in.csv OUT=out.csv [MODEL=uri]"; exit 2; }
	$(STANCE) score $(IN) -o $(OUT) --model $(MODEL)

serve: setup ## Serve the champion model over REST on 127.0.0.1:$(PORT) (body cap: MAX_BODY_MB, default 20)
	$(STANCE) serve --model $(MODEL) --host 127.0.0.1 --port $(PORT) $(if $(MAX_BODY_MB),--max-body-mb $(MAX_BODY_MB))

ui: setup ## Open the MLflow UI on 127.0.0.1:$(UI_PORT) (one worker; no job runner, whose 8 processes the UI does not need)
	MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false $(VENV)/bin/mlflow ui --backend-store-uri $(MLFLOW_TRACKING_URI) \
		--default-artifact-root $(abspath $(ARTIFACTS)) -h 127.0.0.1 -p $(UI_PORT) --workers 1

test: setup ## Run the test suite (units, datasets, model behaviour, end to end, REST)
	STANCE_PUBLIC_DATA=$(abspath $(PUBLIC_DATA)) $(PY) -m pytest -q

check: setup ## Quick checks: lint (pyflakes rules), byte-compile and the tests not marked slow
	$(VENV)/bin/ruff check --select F,E9 stance tests benchmarks docs
	$(PY) -m compileall -q stance benchmarks docs
	STANCE_PUBLIC_DATA=$(abspath $(PUBLIC_DATA)) $(PY) -m pytest -q -m "not slow"

bench: setup ## Benchmarks: CSV scoring (10k, 100k rows) and relations aggregation (100k, 1M pair rows): time, peak memory; server memory around a 19 MB request
	$(PY) benchmarks/bench_score.py --rows 10000 100000 --out bench-out
	$(PY) benchmarks/bench_relations.py --rows 100000 1000000 --out bench-out
	$(PY) benchmarks/bench_serve.py --out bench-out

benchmark: setup ## Train the shipped configuration; print macro-F1, accuracy, ECE and rows/s per dataset (MLflow run)
	$(STANCE) benchmark --data $(DATA) --params $(PARAMS) --public-data $(PUBLIC_DATA) --artifact-root $(ARTIFACTS)

study: setup ## Run a study of training variants as nested MLflow runs: make study STUDY=training/studies/levers.yaml
	$(STANCE) study $(or $(STUDY),training/studies/levers.yaml) --data $(DATA) --params $(PARAMS) --public-data $(PUBLIC_DATA) --artifact-root $(ARTIFACTS)

# the articles listed in datasets/articles/articles.csv (with their dates), and the seed article of 2023-11-28
LISTED := $(patsubst %,datasets/articles/%.txt,$(shell tail -n +2 datasets/articles/articles.csv | cut -d, -f1))
EXAMPLE ?= example
example: setup ## Worked example: the bundled articles + the seed article → pairs → dyads → report in $(EXAMPLE)/
	mkdir -p $(EXAMPLE)
	$(STANCE) extract $(LISTED) $(PUBLIC_DATA)/seed_article_fr.txt --dates datasets/articles/articles.csv \
		--date 2023-11-28 --model $(MODEL) -o $(EXAMPLE)/pairs.csv
	$(STANCE) relations $(EXAMPLE)/pairs.csv --by country --period month -o $(EXAMPLE)/dyads.csv
	$(STANCE) report $(EXAMPLE)/pairs.csv --actor ilham_aliyev --series ilham_aliyev:USA -o $(EXAMPLE)/report

clean: ## Remove generated files (venv kept)
	rm -rf mlruns/[!.]* mlflow.db bench-out example .pytest_cache build *.egg-info
