// A model at an older opset is brought to the dialect's opset with ONNX's
// version converter: Clip-6's min/max attributes become Clip-13 inputs.
// RUN: nuri-compile %inputs/clip_opset10.onnxtxt --emit=imported-mlir | FileCheck %s

// CHECK-DAG:  %[[LO:.*]] = nuri.Constant dense<0.000000e+00> : tensor<f32>
// CHECK-DAG:  %[[HI:.*]] = nuri.Constant dense<6.000000e+00> : tensor<f32>
// CHECK:      "nuri.Clip"(%arg0, %[[LO]], %[[HI]]) {{.*}}: (tensor<2x3xf32>, tensor<f32>, tensor<f32>) -> tensor<2x3xf32>

// Nodes in subgraphs are checked against the model's opset like top-level
// ones: LayerNormalization (opset 17) inside an If of an opset-16 model is
// an error, not relabelled into validity.
// RUN: not nuri-compile %inputs/if_opset16_layernorm.onnxtxt --emit=imported-mlir 2>&1 | FileCheck %s --check-prefix=SUBGRAPH
// SUBGRAPH: error: {{.*}}if_opset16_layernorm.onnxtxt: op 'LayerNormalization' does not exist at the model's opset 16
