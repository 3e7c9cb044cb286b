// Imports an ONNX model written in ONNX's text syntax: graph inputs and
// outputs keep their names, ops mirror the ONNX nodes one to one.
// RUN: nuri-compile %inputs/add_relu.onnxtxt --emit=imported-mlir | FileCheck %s
// Node names become NameLoc locations (unnamed nodes get OpType_index).
// RUN: nuri-compile %inputs/add_relu.onnxtxt --emit=imported-mlir -mlir-print-debuginfo | FileCheck %s --check-prefix=LOC

// CHECK-LABEL: module @add_relu
// CHECK:       func.func @main(%[[X:.*]]: tensor<2x3xf32> {nuri.name = "x"}, %[[Y:.*]]: tensor<3xf32> {nuri.name = "y"}) -> (tensor<2x3xf32> {nuri.name = "z"})
// CHECK-NEXT:    %[[T:.*]] = "nuri.Add"(%[[X]], %[[Y]]) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[Z:.*]] = "nuri.Relu"(%[[T]]) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Z]] : tensor<2x3xf32>

// LOC: "nuri.Add"{{.*}} loc(#[[ADD:loc[0-9]+]])
// LOC: "nuri.Relu"{{.*}} loc(#[[RELU:loc[0-9]+]])
// LOC: #[[ADD]] = loc("Add_0"(
// LOC: #[[RELU]] = loc("Relu_1"(
