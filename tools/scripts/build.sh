#!/usr/bin/env bash
# Configures and builds Nuri into ${NURI_BUILD_DIR:-build} (Ninja, Release,
# ccache when present). Extra arguments are build targets (default: all).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${NURI_BUILD_DIR:-$root/build}
jobs=${NURI_JOBS:-$(nproc)}
if [ ! -f "$build/build.ninja" ]; then
  cmake -G Ninja -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$build" -j "$jobs" ${1:+--target "$@"}
