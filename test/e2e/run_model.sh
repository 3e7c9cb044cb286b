#!/usr/bin/env bash
# End-to-end: compile a zoo model and run it on a device, comparing the
# output with the expected output the generator computed in numpy.
#   run_model.sh BIN_DIR MODELS_DIR MODEL DEVICE TARGET WORK_DIR INPUT_NAME...
# Input i is read from MODELS_DIR/MODEL.input_<i>.npy.
set -euo pipefail
bin=$1 models=$2 model=$3 device=$4 target=$5 work=$6
shift 6
mkdir -p "$work"
artifact="$work/$model.$target.nuri"
"$bin/nuri-compile" "$models/$model.onnx" --target "$target" -o "$artifact"
inputs=()
i=0
for name in "$@"; do
  inputs+=(--input "$name=$models/$model.input_$i.npy")
  i=$((i + 1))
done
"$bin/nuri-run" "$artifact" --device "$device" "${inputs[@]}" \
  --expected "output=$models/$model.expected_0.npy" \
  --output-dir "$work/$model.$device.out"
