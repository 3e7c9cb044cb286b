// ONNX's training Gradient op is differentiated at import (reverse mode):
// d = (a + b) * a gives dd/da = (a + b) + a and dd/db = sum over the
// broadcast rows of a.
// RUN: nuri-compile %inputs/gradient.onnxtxt --emit=imported-mlir | FileCheck %s
// RUN: %python -c "import numpy as np; np.save('%t.a.npy', np.array([[1,2,3],[4,5,6]], np.float32)); np.save('%t.b.npy', np.array([10,20,30], np.float32))"
// RUN: nuri-compile %inputs/gradient.onnxtxt -o %t.nuri
// RUN: nuri-run %t.nuri --input a=%t.a.npy --input b=%t.b.npy --print | FileCheck %s --check-prefix=RUN-OUT

// CHECK: %[[C:.*]] = "nuri.Add"(%arg0, %arg1)
// CHECK: %[[D:.*]] = "nuri.Mul"(%[[C]], %arg0)
// CHECK: %[[ONE:.*]] = nuri.Constant dense<1.000000e+00> : tensor<2x3xf32>
// CHECK: "nuri.ReduceSum"({{.*}}) <{keepdims = 1 : i64{{.*}}}> : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<1x3xf32>
// CHECK: "nuri.Reshape"({{.*}}) {{.*}}: (tensor<1x3xf32>, tensor<1xi64>) -> tensor<3xf32>

// RUN-OUT: dd_da: float32 [2, 3]: [12, 24, 36, 18, 30, 42]
// RUN-OUT: dd_db: float32 [3]: [5, 7, 9]

// A Gradient through an op without a derivative rule names the op.
// RUN: not nuri-compile %inputs/gradient_relu.onnxtxt 2>&1 | FileCheck %s --check-prefix=NO-RULE
// NO-RULE: Gradient: cannot differentiate through Relu 'Relu_0' (supported: Add, Sub, Mul, Div, Neg, Identity)
