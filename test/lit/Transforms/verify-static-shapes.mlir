// RUN: nuri-opt %s --nuri-verify-static-shapes --split-input-file --verify-diagnostics

// A shape that depends on a model input is reported with how to bind it.
func.func @runtime_shape(%x: tensor<6xf32>, %s: tensor<2xi64> {nuri.name = "new_shape"}) -> tensor<?x?xf32> {
  // expected-error @+1 {{result 0 has type 'tensor<?x?xf32>', but Nuri needs static shapes: its shape depends on values known only at run time; it reads model input 'new_shape' (bind it to a constant with --const-input new_shape=FILE)}}
  %y = "nuri.Reshape"(%x, %s) : (tensor<6xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

// Unranked results are rejected too.
func.func @unranked(%x: tensor<6xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{result 0 has type 'tensor<*xf32>'}}
  %y = "nuri.Relu"(%x) : (tensor<6xf32>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

// Static shapes pass silently.
func.func @static(%x: tensor<6xf32>) -> tensor<6xf32> {
  %y = "nuri.Relu"(%x) : (tensor<6xf32>) -> tensor<6xf32>
  return %y : tensor<6xf32>
}
