// ONNX subgraphs become regions: their inputs block arguments, their outputs
// a nuri.Yield; they may use values of the enclosing graph by name.
// RUN: nuri-compile %inputs/loop_if.onnxtxt --emit=imported-mlir | FileCheck %s
// RUN: nuri-compile %inputs/loop_if.onnxtxt --emit=mlir | FileCheck %s --check-prefix=INLINED

// CHECK-LABEL: func.func @main
// CHECK:         "nuri.Loop"(%{{.*}}, %{{.*}}, %arg0)
// CHECK:         ^bb0(%[[I:.*]]: tensor<i64>, %[[COND:.*]]: tensor<i1>, %[[ACC:.*]]: tensor<2xf32>):
// CHECK:           %[[SUM:.*]] = "nuri.Add"(%[[ACC]], %arg0)
// CHECK:           %[[IF:.*]] = "nuri.If"(%[[COND]]) ({
// CHECK:             %[[T:.*]] = "nuri.Identity"(%[[SUM]])
// CHECK:             nuri.Yield %[[T]]
// CHECK:           }, {
// CHECK:             %[[E:.*]] = "nuri.Identity"(%[[ACC]])
// CHECK:             nuri.Yield %[[E]]
// CHECK:           nuri.Yield %{{.*}}, %[[IF]]

// The trip count and condition are constants, so nothing is left of them.
// INLINED-NOT: "nuri.Loop"
// INLINED-NOT: "nuri.If"
// INLINED: return
