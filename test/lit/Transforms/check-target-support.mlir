// RUN: nuri-opt %s --nuri-check-target-support=target=cpu-ref --split-input-file --verify-diagnostics
// RUN: not nuri-opt %s --nuri-check-target-support=target=no-such-target --split-input-file 2>&1 | FileCheck %s --check-prefix=UNKNOWN

// Every unsupported op is reported, with op type and reason.
func.func @strings(%x: tensor<2x!nuri.string>) -> tensor<2x!nuri.string> {
  // expected-error @+1 {{op type 'StringNormalizer' is not supported by target 'cpu-ref': cpu-ref has no kernel for it}}
  %a = "nuri.StringNormalizer"(%x) : (tensor<2x!nuri.string>) -> tensor<2x!nuri.string>
  // expected-error @+1 {{op type 'StringNormalizer' is not supported by target 'cpu-ref'}}
  %b = "nuri.StringNormalizer"(%a) : (tensor<2x!nuri.string>) -> tensor<2x!nuri.string>
  return %b : tensor<2x!nuri.string>
}

// -----

// Supported ops pass.
func.func @supported(%x: tensor<2xf32>) -> tensor<2xf32> {
  %y = "nuri.Relu"(%x) : (tensor<2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// UNKNOWN: unknown target 'no-such-target'
