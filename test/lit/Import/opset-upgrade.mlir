// A model at an older opset is brought to the dialect's opset with ONNX's
// version converter: Clip-6's min/max attributes become Clip-13 inputs.
// RUN: nuri-compile %inputs/clip_opset10.onnxtxt --emit=imported-mlir | FileCheck %s

// CHECK-DAG:  %[[LO:.*]] = nuri.Constant dense<0.000000e+00> : tensor<f32>
// CHECK-DAG:  %[[HI:.*]] = nuri.Constant dense<6.000000e+00> : tensor<f32>
// CHECK:      "nuri.Clip"(%arg0, %[[LO]], %[[HI]]) {{.*}}: (tensor<2x3xf32>, tensor<f32>, tensor<f32>) -> tensor<2x3xf32>
