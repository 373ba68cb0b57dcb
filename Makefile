# AuditBalance — two commands on a fresh machine:
#   make demo   installs what is missing, builds, reconciles the bundled demo plant and prints the result
#   make test   installs what is missing, builds, runs every test
SWIFT ?= swift
# Tests and the demo run OpenBLAS on one thread: results are then bit-for-bit repeatable.
export OPENBLAS_NUM_THREADS ?= 1
DEMO_CASE ?= Datasets/demo/dyeing-plant-water

.PHONY: all deps build demo test bench clean

all: build

deps:
	@sh scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product balance

demo: build
	@echo
	@echo "== balance reconcile $(DEMO_CASE)"
	@$$($(SWIFT) build -c release --show-bin-path)/balance reconcile $(DEMO_CASE)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: deps
	@sh scripts/install-deps.sh --with-python
	sh Benchmarks/compare.sh

clean:
	rm -rf .build .build-*
