// Bad input to nuri-compile: each case exits non-zero with a message that
// names what and where, never a crash.

// RUN: not nuri-compile %t.does-not-exist.onnx 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: nuri-compile: error: {{.*}}does-not-exist.onnx: cannot read '{{.*}}does-not-exist.onnx': No such file or directory

// RUN: %python %inputs/write_bytes.py random %t.random.onnx 4096 7
// RUN: not nuri-compile %t.random.onnx 2>&1 | FileCheck %s --check-prefix=RANDOM
// RANDOM: nuri-compile: error: {{.*}}random.onnx: {{.*(not a valid ONNX model|invalid ONNX model|has no graph)}}

// RUN: %python %inputs/write_bytes.py truncate %S/../../../models/demo/lenet5.onnx %t.truncated.onnx 3000
// RUN: not nuri-compile %t.truncated.onnx 2>&1 | FileCheck %s --check-prefix=TRUNCATED
// TRUNCATED: nuri-compile: error: {{.*}}truncated.onnx: '{{.*}}truncated.onnx' is not a valid ONNX model (protobuf parse failed; truncated or not an .onnx file?)

// RUN: not nuri-compile %inputs/custom_domain.onnxtxt 2>&1 | FileCheck %s --check-prefix=DOMAIN
// DOMAIN: nuri-compile: error: {{.*}}custom_domain.onnxtxt: node 'FancyGelu_0': op 'FancyGelu' of domain 'com.example' is not supported (only the default ONNX domain is)

// RUN: not nuri-compile %inputs/random_op.onnxtxt 2>&1 | FileCheck %s --check-prefix=TARGET
// TARGET: nuri-compile: error: {{.*}}random_op.onnxtxt: node 'RandomNormalLike_0': op type 'RandomNormalLike' is not supported by target 'cpu-ref': cpu-ref has no kernel for it

// RUN: not nuri-compile %inputs/add_relu.onnxtxt --target=no-such-npu 2>&1 | FileCheck %s --check-prefix=UNKNOWN-TARGET
// UNKNOWN-TARGET: nuri-compile: error: unknown target 'no-such-npu'; available targets: cpu-ref

// RUN: not nuri-compile 2>&1 | FileCheck %s --check-prefix=NO-INPUT
// NO-INPUT: nuri-compile: error: no input model
