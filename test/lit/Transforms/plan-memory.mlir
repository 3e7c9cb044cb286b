// RUN: nuri-opt %s --nuri-plan-memory --split-input-file | FileCheck %s
// RUN: nuri-opt %s --nuri-plan-memory=alignment=256 --split-input-file | FileCheck %s --check-prefix=ALIGN

// Buffers whose lifetimes do not overlap share memory: %c reuses %a's
// bytes once %a is dead; the function result lives outside the arena (-1).
// CHECK-LABEL: func.func @reuse
// CHECK-SAME:    nuri.arena_alignment = 64 : i64, nuri.arena_size = 128 : i64
// CHECK:         %[[A:.*]] = "nuri.Relu"(%arg0) {nuri.arena_offsets = array<i64: 0>}
// CHECK:         %[[B:.*]] = "nuri.Relu"(%[[A]]) {nuri.arena_offsets = array<i64: 64>}
// CHECK:         %[[C:.*]] = "nuri.Relu"(%[[B]]) {nuri.arena_offsets = array<i64: 0>}
// CHECK:         %[[D:.*]] = "nuri.Add"(%[[C]], %[[B]]) {nuri.arena_offsets = array<i64: -1>}
// ALIGN-LABEL: func.func @reuse
// ALIGN-SAME:    nuri.arena_size = 512 : i64
func.func @reuse(%x: tensor<16xf32>) -> tensor<16xf32> {
  %a = "nuri.Relu"(%x) : (tensor<16xf32>) -> tensor<16xf32>
  %b = "nuri.Relu"(%a) : (tensor<16xf32>) -> tensor<16xf32>
  %c = "nuri.Relu"(%b) : (tensor<16xf32>) -> tensor<16xf32>
  %d = "nuri.Add"(%c, %b) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  return %d : tensor<16xf32>
}

// -----

// Larger buffers are placed first, and a smaller one fills a gap: %big
// (256 B) and %small (64 B) live together, %small2 takes %small's slot.
// CHECK-LABEL: func.func @sizes
// CHECK-SAME:    nuri.arena_size = 320 : i64
// CHECK:         %[[BIG:.*]] = "nuri.Relu"(%arg0) {nuri.arena_offsets = array<i64: 0>} : (tensor<64xf32>)
// CHECK:         %[[SMALL:.*]] = "nuri.Relu"(%arg1) {nuri.arena_offsets = array<i64: 256>} : (tensor<16xf32>)
// CHECK:         %[[O2:.*]] = "nuri.Relu"(%[[SMALL]]) {nuri.arena_offsets = array<i64: -1>}
// CHECK:         %[[SMALL2:.*]] = "nuri.Relu"(%[[O2]]) {nuri.arena_offsets = array<i64: 256>} : (tensor<16xf32>)
// CHECK:         "nuri.Relu"(%[[BIG]]) {nuri.arena_offsets = array<i64: -1>}
// CHECK:         "nuri.Relu"(%[[SMALL2]]) {nuri.arena_offsets = array<i64: -1>}
func.func @sizes(%x: tensor<64xf32>, %y: tensor<16xf32>) -> (tensor<64xf32>, tensor<16xf32>, tensor<16xf32>) {
  %big = "nuri.Relu"(%x) : (tensor<64xf32>) -> tensor<64xf32>
  %small = "nuri.Relu"(%y) : (tensor<16xf32>) -> tensor<16xf32>
  %o2 = "nuri.Relu"(%small) : (tensor<16xf32>) -> tensor<16xf32>
  %small2 = "nuri.Relu"(%o2) : (tensor<16xf32>) -> tensor<16xf32>
  %o1 = "nuri.Relu"(%big) : (tensor<64xf32>) -> tensor<64xf32>
  %o3 = "nuri.Relu"(%small2) : (tensor<16xf32>) -> tensor<16xf32>
  return %o1, %o2, %o3 : tensor<64xf32>, tensor<16xf32>, tensor<16xf32>
}

// -----

// Placement is by size, not program order: %small comes first but %big
// gets offset 0 (in program order %small would be at 0 and %big at 64).
// CHECK-LABEL: func.func @largest_first
// CHECK-SAME:    nuri.arena_size = 384 : i64
// CHECK:         "nuri.Relu"(%arg1) {nuri.arena_offsets = array<i64: 256>} : (tensor<16xf32>)
// CHECK:         "nuri.Relu"(%arg0) {nuri.arena_offsets = array<i64: 0>} : (tensor<64xf32>)
func.func @largest_first(%x: tensor<64xf32>, %y: tensor<16xf32>) -> tensor<64xf32> {
  %small = "nuri.Relu"(%y) : (tensor<16xf32>) -> tensor<16xf32>
  %big = "nuri.Relu"(%x) : (tensor<64xf32>) -> tensor<64xf32>
  %s = "nuri.ReduceSum"(%small) {keepdims = 1 : i64} : (tensor<16xf32>) -> tensor<1xf32>
  %o = "nuri.Add"(%big, %s) : (tensor<64xf32>, tensor<1xf32>) -> tensor<64xf32>
  return %o : tensor<64xf32>
}

// -----

// Every function result becomes a distinct op result: a returned input, a
// returned constant and a value returned twice each get an Identity copy.
// CHECK-LABEL: func.func @outputs
// CHECK:         %[[CST:.*]] = nuri.Constant
// CHECK:         %[[R:.*]] = "nuri.Relu"(%arg0) {nuri.arena_offsets = array<i64: -1>}
// CHECK:         %[[I0:.*]] = "nuri.Identity"(%arg0) {nuri.arena_offsets = array<i64: -1>}
// CHECK:         %[[I1:.*]] = "nuri.Identity"(%[[CST]]) {nuri.arena_offsets = array<i64: -1>}
// CHECK:         %[[I2:.*]] = "nuri.Identity"(%[[R]]) {nuri.arena_offsets = array<i64: -1>}
// CHECK:         return %[[I0]], %[[I1]], %[[R]], %[[I2]]
func.func @outputs(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %cst = nuri.Constant dense<1.0> : tensor<4xf32>
  %r = "nuri.Relu"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %x, %cst, %r, %r : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}
