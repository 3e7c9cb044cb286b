// RUN: nuri-opt %s --nuri-verify-static-shapes --split-input-file --verify-diagnostics

// A shape that depends on a model input is reported with how to bind it.
func.func @runtime_shape(%x: tensor<6xf32>, %s: tensor<2xi64> {nuri.name = "new_shape"}) -> tensor<?x?xf32> {
  // expected-error @+1 {{result 0 has type 'tensor<?x?xf32>', but Nuri needs static shapes: its shape depends on values known only at run time; it depends on model input 'new_shape' (bind it to a constant with --const-input new_shape=FILE)}}
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

// -----

// The hint follows chains of ops back to the model inputs, and names the
// integer ones (shape values) rather than the data.
func.func @transitive(%x: tensor<6xf32> {nuri.name = "x"}, %n: tensor<1xi64> {nuri.name = "n"}) -> tensor<?xf32> {
  %two = nuri.Constant dense<2> : tensor<1xi64>
  %m = "nuri.Mul"(%n, %two) : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi64>
  // expected-error @+1 {{it depends on model input 'n' (bind it to a constant with --const-input n=FILE)}}
  %y = "nuri.Reshape"(%x, %m) : (tensor<6xf32>, tensor<1xi64>) -> tensor<?xf32>
  return %y : tensor<?xf32>
}

// -----

// An op whose output shape depends on its data names the data input.
func.func @data_dependent(%x: tensor<6xf32> {nuri.name = "x"}) -> tensor<1x?xi64> {
  // expected-error @+1 {{it depends on model input 'x' (bind it to a constant with --const-input x=FILE)}}
  %y = "nuri.NonZero"(%x) : (tensor<6xf32>) -> tensor<1x?xi64>
  return %y : tensor<1x?xi64>
}
