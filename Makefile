# Werkbank: the KI-Werkstatt MNIST CNN in Go. `make help` lists the targets.
#
#   make run     train the post's model end to end (summary, 15 epochs, test
#                evaluation, saved model, report) into runs/<date-time>
#   make test    everything CI runs; installs its own dependencies first

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
# The steps of `make test` share the machine and print in order: never in parallel.
.NOTPARALLEL:

# Never let go-xla download a PJRT plugin (werkbank itself never does unless
# WERKBANK_ALLOW_PLUGIN_DOWNLOAD is set; this covers the tests and notebooks too).
export GOMLX_NO_AUTO_INSTALL := 1
# Go 1.26's SIMD experiment turns on the AVX2/AVX-512 MatMul kernels of GoMLX's
# pure Go backend, which trains on CPUs without a PJRT plugin.
export GOEXPERIMENT := simd

GO ?= go
BIN := bin/werkbank
# Extra flags for `make run`, e.g. make run ARGS="--epochs 2".
ARGS ?=
GO_TEST_FLAGS ?= -timeout 20m
NOTEBOOK_PORT ?= 8888
# notebook (classic Notebook, Debian) or lab (JupyterLab, conda).
NOTEBOOK_APP ?= notebook

# Debian/Ubuntu installs with apt; inside an active conda environment the
# conda script installs into it instead. Override with SETUP_SCRIPT=...
ifneq ($(CONDA_PREFIX),)
SETUP_SCRIPT ?= scripts/setup-conda.sh
else
SETUP_SCRIPT ?= scripts/setup-debian.sh
endif

# Jupyter: the active conda environment's, else Debian's (its Python packages
# belong to /usr/bin/python3, which need not be the python3 first on PATH).
ifneq ($(CONDA_PREFIX),)
JUPYTER ?= $(firstword $(wildcard $(CONDA_PREFIX)/bin/jupyter) jupyter)
else
JUPYTER ?= $(firstword $(wildcard /usr/bin/jupyter) jupyter)
endif

.PHONY: help run onnxruntime build test setup setup-test vet fmt-check go-test go-test-onnx test-cluster test-notebooks test-browser bench notebook clean

help: ## list the targets
	@echo "Werkbank: the KI-Werkstatt MNIST CNN in Go."
	@echo
	@echo "usage: make <target> [ARGS=...]"
	@echo
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN { FS = ":.*## " } { printf "  %-15s %s\n", $$1, $$2 }'

run: build ## train the post's model end to end into runs/<date-time> (extra flags: ARGS="--epochs 2")
	@# ONNX Runtime makes CPU training several times faster; without it (no
	@# network, another platform) werkbank runs on the pure Go backend.
	@scripts/install-onnxruntime.sh --optional
	@echo "== $(BIN) train $(ARGS)"
	$(BIN) train $(ARGS)

onnxruntime: ## install ONNX Runtime's library (pinned, from npm) into ~/.local/lib/onnxruntime
	@scripts/install-onnxruntime.sh

build: ## build bin/werkbank (GOEXPERIMENT=simd)
	@mkdir -p bin
	$(GO) build -o $(BIN) ./cmd/werkbank

test: setup ## everything CI runs: setup, deps check, vet, gofmt, go test, the sweep on Slurm and GNU parallel, notebooks, browser tests (all steps run; fails if any fails)
	@$(MAKE) --no-print-directory --keep-going setup-test vet fmt-check go-test go-test-onnx test-cluster test-notebooks test-browser
	@echo "== make test: all passed"

setup: ## install what the tests and notebooks need (idempotent; Debian: apt, GoNB, playwright-core)
	@$(SETUP_SCRIPT)

setup-test: ## check that everything `make setup` installs is present
	@echo "== dependencies"
	@if $(SETUP_SCRIPT) --check >/dev/null 2>&1; then echo "all present"; else $(SETUP_SCRIPT) --check; fi

vet: ## go vet ./...
	@echo "== go vet"
	$(GO) vet ./...

fmt-check: ## fail listing the Go files gofmt would change
	@echo "== gofmt"
	@files=$$(git ls-files --cached --others --exclude-standard -- '*.go' | \
		while read -r f; do if [ -f "$$f" ]; then echo "$$f"; fi; done | xargs -r gofmt -l); \
	if [ -n "$$files" ]; then \
		echo "gofmt would change these files (run gofmt -w):"; echo "$$files"; exit 1; \
	fi

go-test: ## go test ./... (GOEXPERIMENT=simd, -timeout 20m)
	@echo "== go test"
	$(GO) test $(GO_TEST_FLAGS) ./...

go-test-onnx: ## cnnlib's tests (training, save/load, resume, BatchNorm, equivalence) again on ONNX Runtime
	@echo "== go test ./cnnlib/ on ONNX Runtime (WERKBANK_TEST_BACKEND=onnx)"
	@scripts/install-onnxruntime.sh --check || { echo "ONNX Runtime is not installed: run make setup"; exit 1; }
	WERKBANK_TEST_BACKEND=onnx $(GO) test $(GO_TEST_FLAGS) ./cnnlib/

test-cluster: build ## run werkbank sweep's Slurm script on a one-node cluster of its own (a task cancelled and resumed) and its command list under GNU parallel (about a minute; root or passwordless sudo)
	@echo "== sweep on a one-node Slurm cluster and GNU parallel"
	scripts/test-cluster.sh

test-notebooks: ## execute every notebook headlessly on ONNX Runtime, and notebook 01 again on the pure Go backend
	@echo "== notebooks (ONNX Runtime)"
	NOTEBOOK_EXPECT_BACKEND=onnx scripts/test-notebooks.sh
	@echo "== notebook 01 (pure Go backend)"
	GOMLX_BACKEND=go NOTEBOOK_EXPECT_BACKEND=go scripts/test-notebooks.sh notebooks/01-ki-werkstatt-cnn.ipynb
	@echo "== notebook 01 with a participant's edit in its model cell (default mode)"
	NOTEBOOK_EDIT_MODEL=1 NOTEBOOK_EXPECT_BACKEND=onnx scripts/test-notebooks.sh notebooks/01-ki-werkstatt-cnn.ipynb

test-browser: ## headless Chromium: the HTML export and a live Jupyter server running notebook 01
	@echo "== browser"
	scripts/test-browser.sh

bench: ## benchmarks: cnnlib's training step, the fit loop against it, and inference on go and ONNX Runtime, then werkbank vs PyTorch side by side, speed and time to accuracy (scripts/bench.sh)
	GOMLX_BACKEND=go $(GO) test -run - -bench 'TrainStep|Predict' -benchtime 20x ./cnnlib/
	GOMLX_BACKEND=go $(GO) test -run - -bench FitVsStep -benchtime 1x ./cnnlib/
	@if scripts/install-onnxruntime.sh --check; then \
		echo "GOMLX_BACKEND=onnx $(GO) test -run - -bench 'TrainStep|Predict' -benchtime 20x ./cnnlib/"; \
		GOMLX_BACKEND=onnx $(GO) test -run - -bench 'TrainStep|Predict' -benchtime 20x ./cnnlib/; \
		echo "GOMLX_BACKEND=onnx $(GO) test -run - -bench FitVsStep -benchtime 3x ./cnnlib/"; \
		GOMLX_BACKEND=onnx $(GO) test -run - -bench FitVsStep -benchtime 3x ./cnnlib/; \
	fi
	scripts/bench.sh

notebook: ## start Jupyter on 127.0.0.1 with a token, serving notebooks/ (NOTEBOOK_PORT, NOTEBOOK_APP=lab)
	@mkdir -p notebooks
	@token=$$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n'); \
	echo "Open http://127.0.0.1:$(NOTEBOOK_PORT)/?token=$$token"; \
	echo "(the kernel is \"Go (gonb)\"; Ctrl-C stops the server)"; \
	root=; if [ "$$(id -u)" = 0 ]; then root=--allow-root; fi; \
	JUPYTER_TOKEN=$$token exec $(JUPYTER) $(NOTEBOOK_APP) --ip=127.0.0.1 --port=$(NOTEBOOK_PORT) \
		--port-retries=0 --no-browser --notebook-dir=notebooks $$root

clean: ## remove build outputs (bin/, test binaries); keeps runs/ and installed tools
	rm -rf bin
	rm -f ./*.test
