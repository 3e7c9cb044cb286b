// RUN: nuri-opt %s --nuri-eliminate-dead-code | FileCheck %s

// Unused side-effect-free ops go, chains of them in one sweep; what feeds
// the results stays.
// CHECK-LABEL: func.func @dead_chain
// CHECK-NOT:     nuri.Constant dense<3.0
// CHECK-NOT:     "nuri.Sigmoid"
// CHECK-NOT:     "nuri.Tanh"
// CHECK:         %[[R:.*]] = "nuri.Relu"(%arg0)
// CHECK-NEXT:    return %[[R]]
func.func @dead_chain(%x: tensor<4xf32>) -> tensor<4xf32> {
  %unused = nuri.Constant dense<3.0> : tensor<4xf32>
  %a = "nuri.Sigmoid"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %b = "nuri.Tanh"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  %r = "nuri.Relu"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// Random ops have effects and are kept even when unused.
// CHECK-LABEL: func.func @random_kept
// CHECK:         "nuri.RandomUniform"
func.func @random_kept() -> () {
  %r = "nuri.RandomUniform"() <{shape = [2]}> : () -> tensor<2xf32>
  return
}
