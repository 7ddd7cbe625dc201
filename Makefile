# rackscale front door. Every target installs what it needs first.
PRESET ?= release
BUILD_DIR := build/$(PRESET)
RACKSCALE := $(BUILD_DIR)/rackscale
DEMO_SCENARIO ?= examples/flagship.yaml

.PHONY: deps configure build demo test bench bench-peers fmt fmt-check clean

deps:
	@bash scripts/install-deps.sh

$(BUILD_DIR)/build.ninja: | deps
	@cmake --preset $(PRESET) >/dev/null

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	@cmake --build --preset $(PRESET)

demo: build
	$(RACKSCALE) plan $(DEMO_SCENARIO) -o out/demo

test: build
	@ctest --preset $(PRESET)

bench: build
	@for b in $(BUILD_DIR)/bench/*_benchmark; do [ -x "$$b" ] && "$$b"; done

# The repair-crew model on the kernel and its peers (SimPy, SimGrid, ns-3): bench/peers/.
bench-peers: build
	@bash scripts/install-deps.sh --peers
	@bash bench/peers/run_peers.sh

fmt: deps
	@git ls-files '*.cpp' '*.hpp' '*.cc' | xargs clang-format -i

fmt-check: deps
	@git ls-files '*.cpp' '*.hpp' '*.cc' | xargs clang-format --dry-run --Werror

clean:
	rm -rf build
