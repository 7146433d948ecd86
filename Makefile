# The front door. `make demo` and `make test` work on a fresh Debian machine: each installs what
# is missing (scripts/install-deps), configures, builds and runs.
.PHONY: all deps build test test-dev demo fuzz bench format clean

JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 60

all: build

deps:
	@scripts/install-deps build

# build/roost, optimised: the path every later check uses.
build: deps
	@cmake --preset release >/dev/null
	@cmake --build build -j $(JOBS)

test: build
	@ctest --test-dir build --output-on-failure -j $(JOBS)

# The same suite under AddressSanitizer and UndefinedBehaviorSanitizer.
test-dev: deps
	@cmake --preset dev >/dev/null
	@cmake --build build-dev -j $(JOBS)
	@ctest --test-dir build-dev --output-on-failure -j $(JOBS)

demo: build
	@scripts/demo build/roost

# Each libFuzzer target for FUZZ_SECONDS (default 60 s); corpora kept in fuzz/corpus-<name>/.
fuzz:
	@scripts/install-deps fuzz
	@cmake --preset fuzz >/dev/null
	@cmake --build build-fuzz -j $(JOBS)
	@scripts/run-fuzzers build-fuzz $(FUZZ_SECONDS)

bench:
	@scripts/install-deps bench
	@cmake --preset bench >/dev/null
	@cmake --build build-bench -j $(JOBS)
	@for b in build-bench/bench_*; do echo "== $$b"; $$b --benchmark_min_time=0.2; done
	@echo "== bench/workspace_discovery.py"; python3 bench/workspace_discovery.py build-bench/roost 20
	@echo "== bench/index_metadata.py"; python3 bench/index_metadata.py build-bench/roost 300 10

format:
	@clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf build build-dev build-clang build-fuzz build-bench
