#!/usr/bin/env bash
# Installs every Debian package rackscale needs to build, test and benchmark.
#   --ci     also clang with its sanitizer and libFuzzer runtimes and clang-tidy (the asan, tsan
#            and fuzz presets and .ci/run; Chromium, for the report's browser test, is installed
#            by .ci/run itself)
#   --peers  also the peer simulators of `make bench-peers` (about 216 MB installed)
# Idempotent: when all packages are present it prints nothing and exits 0.
set -euo pipefail

packages=(
  g++ cmake ninja-build make pkg-config git ccache
  libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libfmt-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libsqlite3-dev libcpp-httplib-dev libopenmpi-dev openmpi-bin coinor-libcbc-dev
  pybind11-dev python3-dev python3-pytest python3-pandas python3-matplotlib
  clang-format
  python3 python3-yaml python3-jsonschema
)

case "${1:-}" in
  --ci) packages+=(clang clang-tidy libclang-rt-14-dev) ;;
  --peers) packages+=(python3-simpy3 libsimgrid-dev libns3-dev) ;;
esac

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
