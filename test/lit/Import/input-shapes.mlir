// Symbolic dims must be pinned; the error names the input, dim and symbol.
// RUN: not nuri-compile %inputs/symbolic_batch.onnxtxt 2>&1 | FileCheck %s --check-prefix=UNPINNED
// UNPINNED: nuri-compile: error: {{.*}}symbolic_batch.onnxtxt: input 'x' dim 0 ('N') is not fixed; pin it with --input-shape x=D0,D1,...

// RUN: nuri-compile %inputs/symbolic_batch.onnxtxt --input-shape=x=8,4 --emit=imported-mlir | FileCheck %s --check-prefix=PINNED
// PINNED: func.func @main(%arg0: tensor<8x4xf32> {nuri.name = "x"}) -> (tensor<8x4xf32> {nuri.name = "y"})

// A pin must match the model's rank and fixed dims, and name a real input.
// RUN: not nuri-compile %inputs/symbolic_batch.onnxtxt --input-shape=x=8 2>&1 | FileCheck %s --check-prefix=RANK
// RANK: error: {{.*}}: --input-shape x=8 has rank 1, but input 'x' has rank 2
// RUN: not nuri-compile %inputs/symbolic_batch.onnxtxt --input-shape=x=8,5 2>&1 | FileCheck %s --check-prefix=FIXED
// FIXED: error: {{.*}}: --input-shape x=8,5 sets dim 1 to 5, but the model fixes it to 4
// RUN: not nuri-compile %inputs/symbolic_batch.onnxtxt --input-shape=y=8,4 2>&1 | FileCheck %s --check-prefix=NAME
// NAME: error: {{.*}}: --input-shape names 'y', but the model's inputs are 'x'
// RUN: not nuri-compile %inputs/symbolic_batch.onnxtxt --input-shape=x=8,four 2>&1 | FileCheck %s --check-prefix=SYNTAX
// SYNTAX: nuri-compile: error: --input-shape x=8,four: 'four' is not a non-negative integer
