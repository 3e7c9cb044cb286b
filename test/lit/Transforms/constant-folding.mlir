// RUN: nuri-opt %s --nuri-constant-folding --split-input-file --verify-diagnostics | FileCheck %s
// RUN: nuri-opt %s --nuri-constant-folding=max-result-bytes=16 --split-input-file --verify-diagnostics | FileCheck %s --check-prefix=SMALL
// RUN: nuri-opt %s --nuri-constant-folding --nuri-shape-inference --split-input-file --verify-diagnostics | FileCheck %s --check-prefix=THEN-INFER

// Ops whose operands are all constants are evaluated by the reference
// kernels and replaced by constants.
// CHECK-LABEL: func.func @add_constants
// CHECK-NOT:     "nuri.Add"
// CHECK:         %[[C:.*]] = nuri.Constant dense<[1.100000e+01, 2.200000e+01]> : tensor<2xf32>
// CHECK-NEXT:    return %[[C]]
func.func @add_constants() -> tensor<2xf32> {
  %a = nuri.Constant dense<[1.0, 2.0]> : tensor<2xf32>
  %b = nuri.Constant dense<[10.0, 20.0]> : tensor<2xf32>
  %c = "nuri.Add"(%a, %b) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %c : tensor<2xf32>
}

// -----

// A shape computation collapses in one walk: Shape folds as soon as its
// input type is static, Concat's result type is refined and it folds on the
// folded values; Reshape then reads a constant shape, which shape inference
// turns into a static type.
// CHECK-LABEL: func.func @shape_chain
// CHECK-NOT:     "nuri.Shape"
// CHECK-NOT:     "nuri.Concat"
// CHECK:         %[[S:.*]] = nuri.Constant dense<[2, 3, 1]> : tensor<3xi64>
// CHECK:         "nuri.Reshape"(%arg0, %[[S]]) {{.*}} : (tensor<2x3xf32>, tensor<3xi64>) -> tensor<*xf32>
// THEN-INFER-LABEL: func.func @shape_chain
// THEN-INFER-SAME:    -> tensor<2x3x1xf32>
func.func @shape_chain(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %shape = "nuri.Shape"(%x) : (tensor<2x3xf32>) -> tensor<*xi64>
  %one = nuri.Constant dense<[1]> : tensor<1xi64>
  %new = "nuri.Concat"(%shape, %one) <{axis = 0 : i64}> : (tensor<*xi64>, tensor<1xi64>) -> tensor<*xi64>
  %y = "nuri.Reshape"(%x, %new) : (tensor<2x3xf32>, tensor<*xi64>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

// Folding does not blow up small constants into large ones unless allowed.
// CHECK-LABEL: func.func @expand_grows
// CHECK-NOT:     "nuri.Expand"
// SMALL-LABEL: func.func @expand_grows
// SMALL:         "nuri.Expand"
func.func @expand_grows() -> tensor<8xf32> {
  %one = nuri.Constant dense<1.0> : tensor<1xf32>
  %shape = nuri.Constant dense<[8]> : tensor<1xi64>
  %y = "nuri.Expand"(%one, %shape) : (tensor<1xf32>, tensor<1xi64>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

// An op that reads a run-time value is left alone.
// CHECK-LABEL: func.func @not_constant
// CHECK:         "nuri.Add"(%arg0
func.func @not_constant(%x: tensor<2xf32>) -> tensor<2xf32> {
  %a = nuri.Constant dense<[1.0, 2.0]> : tensor<2xf32>
  %c = "nuri.Add"(%x, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %c : tensor<2xf32>
}

// -----

// A constant op that is invalid fails at compile time, naming the problem.
func.func @gather_out_of_range() -> tensor<1xf32> {
  %data = nuri.Constant dense<[1.0, 2.0]> : tensor<2xf32>
  %idx = nuri.Constant dense<[5]> : tensor<1xi64>
  // expected-error @+1 {{evaluating this constant Gather failed}}
  %y = "nuri.Gather"(%data, %idx) : (tensor<2xf32>, tensor<1xi64>) -> tensor<1xf32>
  return %y : tensor<1xf32>
}

// -----

// An op whose output shape depends on its data (NonZero) gets its static
// type by being evaluated.
// CHECK-LABEL: func.func @nonzero_constant
// CHECK:         %[[C:.*]] = nuri.Constant dense<{{\[\[}}0, 2]]> : tensor<1x2xi64>
// CHECK:         return %[[C]] : tensor<1x2xi64>
func.func @nonzero_constant() -> tensor<1x?xi64> {
  %x = nuri.Constant dense<[1.0, 0.0, 3.0]> : tensor<3xf32>
  %y = "nuri.NonZero"(%x) : (tensor<3xf32>) -> tensor<1x?xi64>
  return %y : tensor<1x?xi64>
}
