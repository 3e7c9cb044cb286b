// The serializer needs a memory plan, and names an unknown target.
// RUN: not nuri-opt %s --nuri-serialize-artifact="target=cpu-ref output=%t.nuri" 2>&1 | FileCheck %s --check-prefix=UNPLANNED
// RUN: not nuri-opt %s --nuri-plan-memory --nuri-serialize-artifact="target=no-npu output=%t.nuri" 2>&1 | FileCheck %s --check-prefix=TARGET
// A planned module serializes; the artifact runs.
// RUN: nuri-opt %s --nuri-plan-memory --nuri-serialize-artifact="target=cpu-ref output=%t.nuri" -o /dev/null
// RUN: nuri-run %t.nuri --input x=%S/Inputs/ones4.npy --print | FileCheck %s --check-prefix=OUT

// UNPLANNED: error: the function has no memory plan; run nuri-plan-memory before serializing
// TARGET: error: unknown target 'no-npu'
// OUT: y: float32 [4]: [2, 2, 2, 2]
module @m {
  func.func @main(%x: tensor<4xf32> {nuri.name = "x"}) -> (tensor<4xf32> {nuri.name = "y"}) {
    %y = "nuri.Add"(%x, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    return %y : tensor<4xf32>
  }
}
