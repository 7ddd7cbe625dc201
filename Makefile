# rackscale front door. Every target installs what it needs first.
PRESET ?= release
BUILD_DIR := build/$(PRESET)
RACKSCALE := $(BUILD_DIR)/rackscale
DEMO_SCENARIO ?= examples/flagship.yaml
PREFIX ?= /usr/local

.PHONY: deps configure build demo python test install bench bench-peers fuzz fmt fmt-check clean

# The clang presets (asan, tsan, fuzz) also need the CI packages.
deps:
	@bash scripts/install-deps.sh $(if $(filter release,$(PRESET)),,--ci)

$(BUILD_DIR)/build.ninja: | deps
	@cmake --preset $(PRESET) >/dev/null

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	@cmake --build --preset $(PRESET)

# Only the program (library and CLI): the quickest way to a result.
demo: configure
	@cmake --build $(BUILD_DIR) --target rackscale_cli
	$(RACKSCALE) plan $(DEMO_SCENARIO) -o out/demo

# The Python package (`import rackscale`), staged in $(BUILD_DIR)/python: docs/python.md.
python: configure
	@cmake --build $(BUILD_DIR) --target rackscale_python
	@echo "built $(BUILD_DIR)/python/rackscale; use: PYTHONPATH=$(BUILD_DIR)/python python3"

test: build
	@ctest --preset $(PRESET)

# bin/rackscale, lib/librackscale.a, include/rackscale/, share/rackscale/catalog, the CMake
# package (lib/cmake/rackscale) and lib/pkgconfig/rackscale.pc under PREFIX.
install: configure
	@cmake --build $(BUILD_DIR) --target rackscale_cli
	@cmake --install $(BUILD_DIR) --prefix $(PREFIX)

bench: build
	@for b in $(BUILD_DIR)/bench/*_benchmark; do [ -x "$$b" ] && "$$b"; done

# The repair-crew model on the kernel and its peers (SimPy, SimGrid, ns-3): bench/peers/.
bench-peers: build
	@bash scripts/install-deps.sh --peers
	@bash bench/peers/run_peers.sh

# The libFuzzer targets of tests/fuzz (scenario, catalog and EPW readers; clang with ASan and
# UBSan, the asan preset's build), each for FUZZ_SECONDS: 3 x 60 s by default.
FUZZ_SECONDS ?= 60
fuzz:
	@$(MAKE) --no-print-directory configure PRESET=asan
	@cmake --build build/asan --target scenario_fuzzer catalog_fuzzer epw_fuzzer
	@bash tests/fuzz/run_fuzzers.sh build/asan $(FUZZ_SECONDS)

fmt: deps
	@git ls-files '*.cpp' '*.hpp' '*.cc' | xargs clang-format -i

fmt-check: deps
	@git ls-files '*.cpp' '*.hpp' '*.cc' | xargs clang-format --dry-run --Werror

clean:
	rm -rf build
