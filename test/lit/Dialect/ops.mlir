// RUN: nuri-opt %s --split-input-file --verify-diagnostics | FileCheck %s

// Ops round-trip through the generic form; attributes keep their ONNX
// names, and attributes with a schema default (Conv's auto_pad and group,
// Split's axis) are materialized with it.
// CHECK-LABEL: func.func @roundtrip
// CHECK:         nuri.Constant dense<1.000000e+00> : tensor<4xf32>
// CHECK:         "nuri.Conv"(%arg0, %arg1) <{auto_pad = "NOTSET", group = 1 : i64, pads = [1, 1, 1, 1]}>
// CHECK:         "nuri.Split"(%arg2) <{axis = 0 : i64}> : (tensor<4xf32>) -> (tensor<2xf32>, tensor<2xf32>)
func.func @roundtrip(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %v: tensor<4xf32>) {
  %c = nuri.Constant dense<1.0> : tensor<4xf32>
  %y = "nuri.Conv"(%x, %w) <{pads = [1, 1, 1, 1]}> : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  %a, %b = "nuri.Split"(%v) : (tensor<4xf32>) -> (tensor<2xf32>, tensor<2xf32>)
  return
}

// -----

// The element types come from the ONNX schema's type constraints.
func.func @conv_int(%x: tensor<1x3x8x8xi32>, %w: tensor<4x3x3x3xi32>) {
  // expected-error @+1 {{operand #0 must be tensor of 16-bit float or 32-bit float or 64-bit float values}}
  %y = "nuri.Conv"(%x, %w) : (tensor<1x3x8x8xi32>, tensor<4x3x3x3xi32>) -> tensor<1x4x6x6xi32>
  return
}

// -----

// Attributes are typed as in the schema.
func.func @bad_attr(%x: tensor<4xf32>) {
  // expected-error @+1 {{Invalid attribute `axis` in property conversion: "last"}}
  %y = "nuri.Softmax"(%x) <{axis = "last"}> : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

// A constant's value and result types must agree.
func.func @constant_type() {
  // expected-error @+1 {{failed to verify that all of {value, output} have same type}}
  %c = "nuri.Constant"() <{value = dense<1.0> : tensor<2xf32>}> : () -> tensor<3xf32>
  return
}
