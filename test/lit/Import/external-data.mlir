// Weights stored as ONNX external data are read relative to the model.
// RUN: rm -rf %t && %python %inputs/make_external_data_model.py %t
// RUN: nuri-compile %t/model.onnx --emit=imported-mlir | FileCheck %s
// A missing external data file is an error naming the file and tensor.
// RUN: rm %t/weights.bin
// RUN: not nuri-compile %t/model.onnx --emit=imported-mlir 2>&1 | FileCheck %s --check-prefix=MISSING

// CHECK: nuri.Constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf32>
// MISSING: nuri-compile: error: {{.*}}model.onnx: initializer: cannot read external data file '{{.*}}weights.bin' of tensor 'w'
