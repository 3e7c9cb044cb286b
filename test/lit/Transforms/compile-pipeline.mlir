// The whole pipeline on an imported-style module: types are refined, the
// constant subgraph folds, dead code goes, memory is planned; then the
// artifact is written and runs.
// RUN: nuri-opt %s --nuri-compile-pipeline="target=cpu-ref" --nuri-serialize-artifact="target=cpu-ref output=%t.nuri" | FileCheck %s
// RUN: nuri-run %t.nuri --print | FileCheck %s --check-prefix=OUT

// CHECK-LABEL: func.func @main
// CHECK-SAME:    -> (tensor<4xf32> {nuri.name = "y"})
// CHECK-SAME:    nuri.arena_size = 64 : i64
// CHECK-NOT:     "nuri.Sqrt"
// CHECK-NOT:     "nuri.Tanh"
// CHECK:         %[[C:.*]] = nuri.Constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]>
// CHECK:         %[[Z:.*]] = "nuri.Mul"(%arg0, %{{.*}}) {nuri.arena_offsets = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// CHECK:         %[[Y:.*]] = "nuri.Add"(%[[Z]], %[[C]]) {nuri.arena_offsets = array<i64: -1>}
// CHECK:         return %[[Y]]

// OUT: y: float32 [4]: [1, 2, 3, 4]
func.func @main(%x: tensor<4xf32> {nuri.name = "x"}) -> (tensor<*xf32> {nuri.name = "y"}) {
  %zero = nuri.Constant dense<0.0> : tensor<4xf32>
  %sq = nuri.Constant dense<[1.0, 4.0, 9.0, 16.0]> : tensor<4xf32>
  %c = "nuri.Sqrt"(%sq) : (tensor<4xf32>) -> tensor<*xf32>
  %dead = "nuri.Tanh"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %z = "nuri.Mul"(%x, %zero) : (tensor<4xf32>, tensor<4xf32>) -> tensor<*xf32>
  %y = "nuri.Add"(%z, %c) : (tensor<*xf32>, tensor<*xf32>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}
