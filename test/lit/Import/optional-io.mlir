// Absent optional inputs and outputs become empty operand/result segments.
// RUN: nuri-compile %inputs/optional_io.onnxtxt --emit=imported-mlir | FileCheck %s

// LayerNormalization has one optional input (no segment sizes needed) and
// two optional outputs.
// CHECK: "nuri.LayerNormalization"(%arg0, %arg1) <{axis = -1 : i64, epsilon = 1.000000e-03 : f32, resultSegmentSizes = array<i32: 1, 0, 0>, stash_type = 1 : i64}> : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
// CHECK: "nuri.Clip"(%arg0, %arg2) <{operandSegmentSizes = array<i32: 1, 0, 1>}> : (tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
