#!/usr/bin/env bash
# Runs each libFuzzer target of a fuzz build for a while, seeded from the repository's inputs.
#   tests/fuzz/run_fuzzers.sh BUILD_DIR SECONDS      (e.g. build/asan 60; `make fuzz` does this)
# The seed corpus is made at each run from the repository's inputs: scenarios from examples/ and
# tests/, catalogs from catalog/ and tests/, EPW files from tests/data/epw. New inputs go to
# BUILD_DIR/corpus/NAME/found, crashes to BUILD_DIR/artifacts/. An input that takes over 30 s is a
# hang and fails the run like a crash.
# Exits 1 if a target found a crash (the input that crashed is named in its log).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:?usage: run_fuzzers.sh BUILD_DIR SECONDS}
seconds=${2:?usage: run_fuzzers.sh BUILD_DIR SECONDS}

copy_seeds() {  # copy_seeds NAME DIR: the repository's inputs for one target
  case $1 in
    scenario) cp examples/*.yaml tests/data/buildout/*.yaml tests/malformed/*.yaml \
                 tests/cli/inputs/*.yaml "$2" ;;
    catalog) cp catalog/*.yaml tests/malformed/catalogs/*.yaml tests/cli/inputs/*catalog*.yaml "$2" ;;
    epw) cp tests/data/epw/*.epw "$2" ;;
  esac
}

failed=()
for name in scenario catalog epw; do
  corpus=$build/corpus/$name
  mkdir -p "$corpus/seeds" "$corpus/found" "$build/artifacts"
  copy_seeds "$name" "$corpus/seeds"
  echo "fuzz: ${name}_fuzzer for $seconds s"
  # The built-in catalog is the repository's (the targets live in BUILD_DIR/tests/fuzz, where
  # the catalog staged in BUILD_DIR/share is not found relative to the program).
  if ! RACKSCALE_CATALOG_DIR="$PWD/catalog" "$build/tests/fuzz/${name}_fuzzer" -max_total_time="$seconds" \
      -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$build/artifacts/${name}-" \
      "$corpus/found" "$corpus/seeds" >"$build/${name}_fuzzer.log" 2>&1; then
    failed+=("$name")
    tail -n 40 "$build/${name}_fuzzer.log"
  fi
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)|^Done' "$build/${name}_fuzzer.log" || true
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crash found by: ${failed[*]} (inputs in $build/artifacts/)"
  exit 1
fi
echo "fuzz: no crash"
