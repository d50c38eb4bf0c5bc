# DMEX chain. The two commands a new user needs: `make localnet` and `make test`.
SHELL := /usr/bin/env bash
BUILD_DIR ?= $(CURDIR)/build
DMEXD := $(BUILD_DIR)/dmexd
GO_TEST_FLAGS ?= -count=1
export GOFLAGS := -buildvcs=false

.PHONY: all build install cosmovisor localnet localnet-start testnet chaos test test-unit test-integration test-e2e fuzz \
	sim bench bench-anchor proto-gen proto-check networks lint clean

all: build

build:
	go build -o $(DMEXD) ./cmd/dmexd

install:
	go install ./cmd/dmexd

## cosmovisor: build cosmovisor v1.5.0 into $(BUILD_DIR) (scripts/cosmovisor.sh; once, ~6 min). README, "Operators: upgrading the chain".
COSMOVISOR := $(BUILD_DIR)/cosmovisor
cosmovisor:
	BUILD_DIR=$(BUILD_DIR) bash scripts/cosmovisor.sh

## localnet: build dmexd, (re)create dmex-local-1 in $$DMEX_HOME (default ~/.dmex-local) and run it.
localnet:
	bash scripts/localnet.sh

## localnet-start: start the existing local chain again without wiping it.
localnet-start: build
	$(DMEXD) start --home $${DMEX_HOME:-$$HOME/.dmex-local}

## testnet: N validators (default 4) on loopback ports, in the background.
testnet:
	bash scripts/testnet.sh $${N:-4}

## chaos: a fresh 4-validator testnet under load; kill -9, SIGSTOP 60 s, all down, state sync and
## block sync joins, each step checked (scripts/chaos.sh, docs/reliability.md). About 4 minutes.
chaos: build
	go build -o $(BUILD_DIR)/dmexd-load ./cmd/dmexd-load
	DMEXD=$(DMEXD) LOAD=$(BUILD_DIR)/dmexd-load DMEX_NO_BUILD=1 bash scripts/chaos.sh run-all

## test: unit, integration and end-to-end tests (the e2e tests build dmexd and run real nodes).
test: test-unit test-e2e

test-unit:
	go test $(GO_TEST_FLAGS) $$(go list ./... | grep -v /tests/e2e)

test-e2e: build cosmovisor
	DMEXD=$(DMEXD) COSMOVISOR=$(COSMOVISOR) go test $(GO_TEST_FLAGS) -parallel 2 -timeout 30m -v ./tests/e2e/... 2>&1 | tee $(BUILD_DIR)/e2e.log | grep -E '^(=== RUN|--- |PASS|FAIL|ok|panic|\s+\S+_test.go)' ; exit $${PIPESTATUS[0]}

## sim: the app simulation, 500 blocks x seeds 2,4,7 (seeds 1, 3, 5, 6 run out of validators: docs/reliability.md), books checked after every block (docs/reliability.md).
## A short one (50 blocks, seed 2) runs in `make test` as TestFullAppSimulation's default.
SIM_SEEDS ?= 2,4,7
SIM_BLOCKS ?= 500
sim:
	go test -count=1 -timeout 2h -run 'TestFullAppSimulation|TestAppSimulationAfterImport' ./app -v -SimSeeds=$(SIM_SEEDS) -NumBlocks=$(SIM_BLOCKS) -BlockSize=100 2>&1 | grep -vE '^\s*(buffer.go|$$)' ; exit $${PIPESTATUS[0]}

## bench: dmexd block benchmarks (see docs/benchmarks.md).
bench:
	GOMAXPROCS=2 go test -run '^$$' -bench . -benchtime 20x -count 3 ./tests/bench/...

proto-gen:
	bash scripts/protocgen.sh

proto-check:
	bash scripts/proto-check.sh

## networks: networks/<name>/{chain,assetlist,keplr}.json from each network.json (checked by go test ./scripts/networks).
networks:
	for d in networks/*/; do go run ./scripts/networks "$${d%/}"; done

## fuzz: every Go fuzz target for FUZZTIME each (default 60s), one after the other (scripts/fuzz.sh).
FUZZTIME ?= 60s
fuzz:
	FUZZTIME=$(FUZZTIME) bash scripts/fuzz.sh

## lint: golangci-lint with .golangci.yml (scripts/lint.sh installs the pinned version when missing).
lint:
	bash scripts/lint.sh

clean:
	rm -rf $(BUILD_DIR)
