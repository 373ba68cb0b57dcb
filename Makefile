# AuditBalance — two commands on a fresh machine:
#   make demo   installs what is missing, builds, reconciles the bundled demo plant and prints the result
#   make test   installs what is missing, builds, runs every test, the C/Python/Swift examples and the docs
SWIFT ?= swift
# The C example needs a C compiler: the system's cc, or else the clang that ships with the Swift toolchain.
CC := $(shell command -v cc 2>/dev/null || command -v clang 2>/dev/null || echo cc)
# Tests and the demo run OpenBLAS on one thread: results are then bit-for-bit repeatable.
export OPENBLAS_NUM_THREADS ?= 1
DEMO_CASE ?= Datasets/demo/dyeing-plant-water

.PHONY: all deps build demo test test-report test-examples docs docs-check bench clean lint fuzz fuzz-build fuzz-smoke fuzz-run check-sanitizers lib lib-check wheel test-python test-c

all: build

deps:
	@sh scripts/install-deps.sh

# The CLI links the Swift runtime statically (SwiftPM's --static-swift-stdlib): a process then starts without
# relocating a dozen runtime libraries (measured on P14: 17.9 ms → 13.6 ms per `balance reconcile`, issue 12).
build: deps
	$(SWIFT) build -c release --product balance --static-swift-stdlib

demo: build
	@echo
	@echo "== balance reconcile $(DEMO_CASE)"
	@$$($(SWIFT) build -c release --static-swift-stdlib --show-bin-path)/balance reconcile $(DEMO_CASE)

test: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	@$(MAKE) --no-print-directory test-examples
	@$(MAKE) --no-print-directory lib-check
	@$(MAKE) --no-print-directory test-python
	@$(MAKE) --no-print-directory test-report
	@$(MAKE) --no-print-directory docs-check
	@$(MAKE) --no-print-directory fuzz-smoke

# Static checks that need no build: no floating value becomes an integer outside CheckedInteger.
lint:
	@python3 scripts/lint-int-conversions.py

# The C interface (libCAuditBalance.so), its C and Python examples, and a Swift package using the library:
# each reproduces the published Narasimhan & Jordache case and exits non-zero on a mismatch.
EXAMPLE_CASE = Datasets/published/nj_heat_exchanger_bypass
test-examples: deps
	$(SWIFT) build --product CAuditBalance
	@bin=$$($(SWIFT) build --show-bin-path); \
	 missing=$$(sed -n 's/^[a-z_ ]*[ *]\(ab_[a-z_]*\)(.*/\1/p' Sources/CAuditBalance/include/audit_balance.h | while read f; do \
	     nm -D --defined-only $$bin/libCAuditBalance.so | grep -qw "$$f" || echo "$$f"; done); \
	 if [ -n "$$missing" ]; then echo "test-examples: not exported by libCAuditBalance.so: $$missing"; exit 1; fi; \
	 echo "== C example"; \
	 $(CC) -std=c11 -Wall -Wextra -Werror -I Sources/CAuditBalance/include Examples/c/reconcile_example.c \
	    -L $$bin -lCAuditBalance -Wl,-rpath,$$bin -lm -pthread -o $$bin/reconcile_example_c && \
	 $$bin/reconcile_example_c $(EXAMPLE_CASE) && \
	 echo "== Python example (ctypes)" && \
	 python3 Examples/python/reconcile_example.py --library $$bin/libCAuditBalance.so $(EXAMPLE_CASE)
	@$(MAKE) --no-print-directory test-c
	@echo "== Swift package example (Examples/swift-package)"
	$(SWIFT) build --package-path Examples/swift-package
	@$$($(SWIFT) build --package-path Examples/swift-package --show-bin-path)/reconcile-example
	@echo "== README example (Examples/swift-package/Sources/readme-example)"
	@$$($(SWIFT) build --package-path Examples/swift-package --show-bin-path)/readme-example

# The shippable C library: libCAuditBalance.so with the Swift runtime linked in statically (-static-stdlib), so
# that it loads where no Swift toolchain is installed; its other needs are Debian libraries (LAPACKE, OpenBLAS and
# CHOLMOD and libxlsxwriter opened at run time, minizip linked). dist/lib/libCAuditBalance.so + dist/include/audit_balance.h.
LIB_SCRATCH = .build-lib
lib: deps
	$(SWIFT) build -c release --product CAuditBalance --scratch-path $(LIB_SCRATCH) -Xswiftc -static-stdlib
	@mkdir -p dist/lib dist/include
	@cp $(LIB_SCRATCH)/release/libCAuditBalance.so dist/lib/libCAuditBalance.so.tmp
	@strip --strip-unneeded dist/lib/libCAuditBalance.so.tmp 2>/dev/null || true
	@mv dist/lib/libCAuditBalance.so.tmp dist/lib/libCAuditBalance.so
	@cp Sources/CAuditBalance/include/audit_balance.h dist/include/
	@echo "lib: dist/lib/libCAuditBalance.so ($$(du -h dist/lib/libCAuditBalance.so | cut -f1)), dist/include/audit_balance.h"

# Proves that the shippable library runs with the Swift toolchain hidden (scripts/check-shippable-lib.sh).
lib-check: lib
	@sh scripts/check-shippable-lib.sh dist/lib/libCAuditBalance.so

# A wheel of the Python package with the shippable library inside (dist/auditbalance-*.whl).
wheel: lib
	AUDITBALANCE_SKIP_MAKE=1 python3 -m pip wheel . --no-deps -w dist

# The Python package's tests (python/tests) on the shippable library: every command's dict equals the CLI's JSON on
# every dataset. pytest when installed, else the same tests run by the file itself.
test-python: lib
	$(SWIFT) build --product balance
	@bin=$$($(SWIFT) build --show-bin-path); \
	 if python3 -c "import pytest" 2>/dev/null; then \
	   AB_LIBRARY=$$PWD/dist/lib/libCAuditBalance.so BALANCE=$$bin/balance OPENBLAS_NUM_THREADS=1 python3 -m pytest -q python/tests; \
	 else \
	   AB_LIBRARY=$$PWD/dist/lib/libCAuditBalance.so BALANCE=$$bin/balance OPENBLAS_NUM_THREADS=1 python3 python/tests/test_auditbalance.py; \
	 fi
	@echo "== Python package example (Examples/python/package_example.py)"
	@AB_LIBRARY=$$PWD/dist/lib/libCAuditBalance.so PYTHONPATH=$$PWD/python OPENBLAS_NUM_THREADS=1 python3 Examples/python/package_example.py

# Every function of the C interface (Tests/c/test_api.c), -Wall -Wextra -Werror, under AddressSanitizer with
# LeakSanitizer: a result or message the library hands out and the test frees must not leak. Built with clang
# (the toolchain's) when there is one, linked with lld when clang has it (gold prints a warning per ASan symbol).
SAN_CC := $(shell command -v clang 2>/dev/null || command -v cc 2>/dev/null || echo cc)
test-c: deps
	$(SWIFT) build --product CAuditBalance
	@bin=$$($(SWIFT) build --show-bin-path); log=$${TMPDIR:-/tmp}/auditbalance-test-c.$$$$.log; \
	 lld=$$(printf 'int main(void){return 0;}' | $(SAN_CC) -fuse-ld=lld -x c - -o /dev/null >/dev/null 2>&1 && echo -fuse-ld=lld); \
	 echo "== C interface test (ASan + LSan, $(SAN_CC) $$lld)"; \
	 if ! $(SAN_CC) -std=c11 -Wall -Wextra -Werror -fsanitize=address -fno-omit-frame-pointer $$lld \
	     -I Sources/CAuditBalance/include Tests/c/test_api.c -L $$bin -lCAuditBalance -Wl,-rpath,$$bin -lm \
	     -o $$bin/test_api_c >$$log 2>&1; then cat $$log; exit 1; fi; rm -f $$log; \
	 ASAN_OPTIONS=detect_leaks=1 OPENBLAS_NUM_THREADS=1 $$bin/test_api_c $$PWD

# The demo plant's audit report as a person sees it (issue 15): `balance report` to HTML and, through headless
# Chromium, PDF; Chromium's PNG of the HTML; pdftotext must find the headings and every figure of the report's JSON
# (scripts/check-report.sh; Chromium, poppler-utils and a CJK font installed when missing). Files: .build/report-check/.
test-report: deps
	@sh scripts/install-deps.sh --with-report
	$(SWIFT) build --product balance
	@sh scripts/check-report.sh $$($(SWIFT) build --show-bin-path)/balance

# DocC: the AuditBalance catalog (articles) with the documentation of the modules it re-exports.
# Every warning is an error, in `make docs` and in `make docs-check` (run by `make test`).
DOC_TARGETS = --target BalanceCore --target BalanceStandards --target BalanceIO --target BalanceReport --target BalanceApplication --target AuditBalance
docs: deps
	$(SWIFT) package generate-documentation $(DOC_TARGETS) --enable-experimental-combined-documentation --warnings-as-errors

docs-check: deps
	@log=$${TMPDIR:-/tmp}/auditbalance-docc.$$$$.log; \
	 if $(SWIFT) package generate-documentation $(DOC_TARGETS) --enable-experimental-combined-documentation \
	     --warnings-as-errors >$$log 2>&1; then echo "docs-check: documentation built without warnings"; rm -f $$log; \
	 else grep -B2 -A8 -E 'warning:|error:' $$log | tail -80; echo "docs-check: DocC failed or warned (log: $$log)"; exit 1; fi

# PARK_BENCH_FLAGS="--sizes 10000,100000" skips the 10^6-stream park (≈ 30 s, 2.4 GB).
PARK_BENCH_FLAGS ?=
bench: deps
	@sh scripts/install-deps.sh --with-python
	sh Benchmarks/compare.sh
	sh Benchmarks/floor-ratio.sh
	sh Benchmarks/park-bench.sh $(PARK_BENCH_FLAGS)

# libFuzzer targets (Fuzz/, a nested package): the CSV reader, the case loader, and the pipelines of
# reconcile/check/water/energy/material on in-memory cases, with AddressSanitizer. The seed corpus
# (Fuzz/Corpus, from Datasets/) is committed; what the fuzzer adds stays in .build-fuzz/work.
# `make fuzz` runs each target FUZZ_SECONDS (default 600); `make test` runs each 15 s (fuzz-smoke).
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= csv:csv case:case pipeline:case workbook:workbook
# Allocation stack traces and the quarantine cost most of an execution's time under ASan (measured with perf:
# StackDepot/Unwind ≈ 20 %); out-of-bounds and use-after-free are still detected, reports name no allocation site.
FUZZ_ASAN_OPTIONS ?= malloc_context_size=0:quarantine_size_mb=16:detect_leaks=0
FUZZ_FLAGS = --package-path Fuzz --scratch-path .build-fuzz -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
fuzz-build: deps
	$(SWIFT) build $(FUZZ_FLAGS)

fuzz: fuzz-build
	@$(MAKE) --no-print-directory fuzz-run SECONDS=$(FUZZ_SECONDS)

fuzz-smoke: fuzz-build
	@$(MAKE) --no-print-directory fuzz-run SECONDS=15

fuzz-run:
	@bin=$$($(SWIFT) build $(FUZZ_FLAGS) --show-bin-path); status=0; \
	 for pair in $(FUZZ_TARGETS); do t=$${pair%%:*}; corpus=$${pair##*:}; mkdir -p .build-fuzz/work/$$t; \
	   echo "== fuzz-$$t for $(SECONDS) s"; \
	   if ASAN_OPTIONS=$(FUZZ_ASAN_OPTIONS) $$bin/fuzz-$$t .build-fuzz/work/$$t Fuzz/Corpus/$$corpus -max_total_time=$(SECONDS) -print_final_stats=1 \
	        -artifact_prefix=.build-fuzz/work/$$t- > .build-fuzz/work/$$t.log 2>&1; then \
	     grep -E 'stat::number_of_executed_units|stat::average_exec_per_sec' .build-fuzz/work/$$t.log; \
	     echo "$$(date -u +%FT%TZ) fuzz-$$t $(SECONDS) s $$(grep -o 'number_of_executed_units: *[0-9]*' .build-fuzz/work/$$t.log | grep -o '[0-9]*$$') executions, no crash" >> .build-fuzz/work/record.txt; \
	   else tail -40 .build-fuzz/work/$$t.log; echo "fuzz-$$t: a crash (input in .build-fuzz/work/$$t-*)"; status=1; fi; \
	 done; exit $$status

# The test suite under AddressSanitizer, then ThreadSanitizer (each in its own scratch folder; the Swift
# toolchain on Linux has no UndefinedBehaviorSanitizer for Swift code — its overflow and bounds checks trap
# in every build). Leak detection is off: the one-shot `balance` processes the CLI tests start exit with the
# runtime's and the argument parser's allocations still held, which LeakSanitizer reports as exit status 1.
# Not part of `make test`, which must fit CI's time.
check-sanitizers: deps
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --scratch-path .build-asan --sanitize=address
	$(SWIFT) test --scratch-path .build-tsan --sanitize=thread

clean:
	rm -rf .build .build-* dist python/build
