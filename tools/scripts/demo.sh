#!/usr/bin/env bash
# The main job on the bundled demo model (models/demo/lenet5.onnx): install
# what is missing, build, compile the model for cpu-ref (the only target the
# compiler has until an NPU target lands), run it, and print its outputs,
# the error against the expected output, timing and a per-op profile.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${NURI_BUILD_DIR:-$root/build}
"$root/tools/scripts/setup.sh"
"$root/tools/scripts/build.sh" nuri-compile nuri-run
demo=$root/models/demo
"$build/bin/nuri-compile" "$demo/lenet5.onnx" -o "$build/lenet5.nuri"
"$build/bin/nuri-run" "$build/lenet5.nuri" \
  --input "input=$demo/lenet5.input_0.npy" \
  --expected "output=$demo/lenet5.expected_0.npy" \
  --output-dir "$build/demo-out" --print --repeat 20 --profile
