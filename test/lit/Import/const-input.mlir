// An input bound with --const-input becomes a constant and leaves the
// signature, so shapes that depend on it resolve at compile time.
// RUN: %python %inputs/make_tensor_pb.py %t.pb new_shape int64 3,2
// RUN: nuri-compile %inputs/reshape_input.onnxtxt --const-input=new_shape=%t.pb --emit=mlir | FileCheck %s
// CHECK: func.func @main(%arg0: tensor<2x3xf32> {nuri.name = "x"}) -> (tensor<3x2xf32> {nuri.name = "y"})
// CHECK: %[[S:.*]] = nuri.Constant dense<[3, 2]> : tensor<2xi64>
// CHECK: "nuri.Reshape"(%arg0, %[[S]])

// Without it, the run-time-dependent shape is reported with the fix.
// RUN: not nuri-compile %inputs/reshape_input.onnxtxt 2>&1 | FileCheck %s --check-prefix=DYNAMIC
// DYNAMIC: nuri-compile: error: {{.*}}node 'Reshape_0': result 0 has type 'tensor<?x?xf32>', but Nuri needs static shapes{{.*}}bind it to a constant with --const-input new_shape=FILE

// .npy files work too, and a bad file is reported with the flag.
// RUN: %python -c "import numpy as np; np.save('%t.npy', np.array([3, 2], np.int64))"
// RUN: nuri-compile %inputs/reshape_input.onnxtxt --const-input=new_shape=%t.npy --emit=mlir | FileCheck %s
// RUN: not nuri-compile %inputs/reshape_input.onnxtxt --const-input=new_shape=%t.missing.npy 2>&1 | FileCheck %s --check-prefix=BAD-FILE
// BAD-FILE: nuri-compile: error: --const-input new_shape={{.*}}missing.npy: {{.*}}missing.npy
