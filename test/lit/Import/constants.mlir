// Initializers and Constant nodes (value, value_ints, value_float) become
// nuri.Constant ops named after the initializer or node.
// RUN: nuri-compile %inputs/constants.onnxtxt --emit=imported-mlir | FileCheck %s

// CHECK-LABEL: func.func @main
// CHECK-DAG:     %[[W:.*]] = nuri.Constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-DAG:     %[[K:.*]] = nuri.Constant dense<[3, 4]> : tensor<2xi64>
// CHECK-DAG:     %[[H:.*]] = nuri.Constant dense<5.000000e-01> : tensor<f32>
// CHECK:         %[[S:.*]] = "nuri.Add"(%arg0, %[[W]])
// CHECK:         %[[Y:.*]] = "nuri.Mul"(%[[S]], %[[H]])
// CHECK:         return %[[Y]], %[[K]]
