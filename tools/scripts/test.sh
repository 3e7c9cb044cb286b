#!/usr/bin/env bash
# The whole test suite: install what is missing, build everything, run ctest.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${NURI_BUILD_DIR:-$root/build}
"$root/tools/scripts/setup.sh"
"$root/tools/scripts/build.sh"
ctest --test-dir "$build" --output-on-failure -j "${NURI_JOBS:-$(nproc)}" "$@"
