// RUN: nuri-opt %s --nuri-shape-inference --split-input-file --verify-diagnostics | FileCheck %s

// A Reshape whose shape is a constant gets a static result, and the
// function's result type follows.
// CHECK-LABEL: func.func @reshape_constant_shape
// CHECK-SAME:    -> tensor<3x2xf32>
// CHECK:         "nuri.Reshape"{{.*}} -> tensor<3x2xf32>
func.func @reshape_constant_shape(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %s = nuri.Constant dense<[3, -1]> : tensor<2xi64>
  %y = "nuri.Reshape"(%x, %s) : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

// Broadcasting follows ONNX's multidirectional rule; a chain refines in one
// walk because block order is topological.
// CHECK-LABEL: func.func @broadcast_chain
// CHECK:         "nuri.Add"{{.*}} -> tensor<2x3xf32>
// CHECK:         "nuri.Relu"{{.*}} -> tensor<2x3xf32>
func.func @broadcast_chain(%a: tensor<2x1xf32>, %b: tensor<3xf32>) -> tensor<?x?xf32> {
  %s = "nuri.Add"(%a, %b) : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<?x?xf32>
  %r = "nuri.Relu"(%s) : (tensor<?x?xf32>) -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

// -----

// A shape that is a run-time value stays unknown.
// CHECK-LABEL: func.func @reshape_runtime_shape
// CHECK:         "nuri.Reshape"{{.*}} -> tensor<*xf32>
func.func @reshape_runtime_shape(%x: tensor<2x3xf32>, %s: tensor<2xi64>) -> tensor<*xf32> {
  %y = "nuri.Reshape"(%x, %s) : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

// Optional outputs: MaxPool without Indices infers only Y.
// CHECK-LABEL: func.func @maxpool_optional_output
// CHECK:         "nuri.MaxPool"{{.*}} -> tensor<1x1x2x2xf32>
func.func @maxpool_optional_output(%x: tensor<1x1x4x4xf32>) -> tensor<*xf32> {
  %y = "nuri.MaxPool"(%x) <{kernel_shape = [2, 2], strides = [2, 2], resultSegmentSizes = array<i32: 1, 0>}> : (tensor<1x1x4x4xf32>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

// A declared static type that contradicts ONNX's rules is an error.
func.func @contradiction(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{result 0 is declared as 'tensor<4xf32>' but ONNX shape inference gives 'tensor<2x3xf32>'}}
  %s = "nuri.Add"(%a, %b) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4xf32>
  return %s : tensor<4xf32>
}

// -----

// ONNX's inference rejects invalid ops with its own message.
func.func @bad_broadcast(%x: tensor<2x3xf32>, %w: tensor<4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{ONNX shape inference rejects this Add}}
  %y = "nuri.Add"(%x, %w) : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}
