// --help documents the options users need; --list-targets lists cpu-ref.
// RUN: nuri-compile --help | FileCheck %s
// CHECK: Nuri compiler: ONNX model -> Nuri artifact
// CHECK-DAG: --const-input=<name=file>
// CHECK-DAG: --emit=<value>
// CHECK-DAG: --input-shape=<name=d0,d1,...>
// CHECK-DAG: --list-targets
// CHECK-DAG: --target=<string>
// CHECK-DAG: -o <file>
// RUN: nuri-compile --list-targets | FileCheck %s --check-prefix=TARGETS
// TARGETS: cpu-ref{{[[:space:]]+}}the reference CPU backend
