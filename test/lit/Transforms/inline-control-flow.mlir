// RUN: nuri-opt %s --nuri-inline-control-flow --split-input-file --verify-diagnostics | FileCheck %s
// RUN: nuri-opt %s --nuri-inline-control-flow --nuri-shape-inference --nuri-constant-folding --nuri-eliminate-dead-code --split-input-file --verify-diagnostics | FileCheck %s --check-prefix=FOLDED

// An If with a constant condition becomes the branch it takes (regions:
// then_branch, else_branch).
// CHECK-LABEL: func.func @if_constant
// CHECK-NOT:     "nuri.If"
// CHECK:         %[[R:.*]] = "nuri.Neg"(%arg0)
// CHECK:         return %[[R]]
func.func @if_constant(%x: tensor<2xf32>) -> tensor<2xf32> {
  %c = nuri.Constant dense<true> : tensor<i1>
  %r = "nuri.If"(%c) ({
    %a = "nuri.Neg"(%x) : (tensor<2xf32>) -> tensor<2xf32>
    nuri.Yield %a : tensor<2xf32>
  }, {
    %b = "nuri.Abs"(%x) : (tensor<2xf32>) -> tensor<2xf32>
    nuri.Yield %b : tensor<2xf32>
  }) : (tensor<i1>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

// A condition known only at run time is an error naming the input to bind.
func.func @if_runtime(%x: tensor<2xf32>, %c: tensor<i1> {nuri.name = "flag"}) -> tensor<2xf32> {
  // expected-error @+1 {{the If's condition is known only at run time, and Nuri compiles static graphs; it depends on model input 'flag' (bind it to a constant with --const-input flag=FILE)}}
  %r = "nuri.If"(%c) ({
    nuri.Yield %x : tensor<2xf32>
  }, {
    nuri.Yield %x : tensor<2xf32>
  }) : (tensor<i1>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

// A Loop with a constant trip count is unrolled: the carried value threads
// through the copies, the scan output is stacked along a new axis 0, and
// the iteration number is a constant per copy.
// CHECK-LABEL: func.func @loop_sum
// CHECK-NOT:     "nuri.Loop"
// CHECK-COUNT-3: "nuri.Add"(%{{.*}}, %{{.*}}) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
// CHECK-COUNT-3: "nuri.Unsqueeze"
// CHECK:         %[[STACK:.*]] = "nuri.Concat"({{.*}}) <{axis = 0 : i64}> : (tensor<1x2xf32>, tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<3x2xf32>
// CHECK:         return %{{.*}}, %[[STACK]] : tensor<2xf32>, tensor<3x2xf32>
func.func @loop_sum(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<?x2xf32>) {
  %m = nuri.Constant dense<3> : tensor<i64>
  %t = nuri.Constant dense<true> : tensor<i1>
  %r:2 = "nuri.Loop"(%m, %t, %x) <{operandSegmentSizes = array<i32: 1, 1, 1>}> ({
  ^bb0(%i: tensor<i64>, %cond: tensor<i1>, %acc: tensor<2xf32>):
    %s = "nuri.Add"(%acc, %x) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    nuri.Yield %cond, %s, %s : tensor<i1>, tensor<2xf32>, tensor<2xf32>
  }) : (tensor<i64>, tensor<i1>, tensor<2xf32>) -> (tensor<2xf32>, tensor<?x2xf32>)
  return %r#0, %r#1 : tensor<2xf32>, tensor<?x2xf32>
}

// -----

// The condition is re-evaluated after every copy: Less(i, 1) stops the loop
// after two iterations although the trip count allows ten; everything is
// constant here, so it all folds.
// FOLDED-LABEL: func.func @loop_until
// FOLDED:         %[[C:.*]] = nuri.Constant dense<2> : tensor<i64>
// FOLDED:         return %[[C]]
func.func @loop_until() -> tensor<i64> {
  %m = nuri.Constant dense<10> : tensor<i64>
  %t = nuri.Constant dense<true> : tensor<i1>
  %zero = nuri.Constant dense<0> : tensor<i64>
  %r = "nuri.Loop"(%m, %t, %zero) <{operandSegmentSizes = array<i32: 1, 1, 1>}> ({
  ^bb0(%i: tensor<i64>, %cond: tensor<i1>, %n: tensor<i64>):
    %one = nuri.Constant dense<1> : tensor<i64>
    %next = "nuri.Add"(%n, %one) : (tensor<i64>, tensor<i64>) -> tensor<i64>
    %go = "nuri.Less"(%i, %one) : (tensor<i64>, tensor<i64>) -> tensor<i1>
    nuri.Yield %go, %next : tensor<i1>, tensor<i64>
  }) : (tensor<i64>, tensor<i1>, tensor<i64>) -> tensor<i64>
  return %r : tensor<i64>
}

// -----

// Scan slices its input along the scan axis (reversed here), and stacks
// the per-step outputs in step order, reversed for direction 1: step t
// reads xs[2 - t], and the output puts the last step's value first.
// CHECK-LABEL: func.func @scan_reverse
// CHECK-NOT:     "nuri.Scan"
// CHECK:         %[[I2:.*]] = nuri.Constant dense<2> : tensor<i64>
// CHECK:         %[[X2:.*]] = "nuri.Gather"(%arg1, %[[I2]]) <{axis = 0 : i64}> : (tensor<3x2xf32>, tensor<i64>) -> tensor<2xf32>
// CHECK:         %[[S0:.*]] = "nuri.Add"(%arg0, %[[X2]])
// CHECK:         %[[I1:.*]] = nuri.Constant dense<1> : tensor<i64>
// CHECK:         %[[X1:.*]] = "nuri.Gather"(%arg1, %[[I1]])
// CHECK:         %[[S1:.*]] = "nuri.Add"(%[[S0]], %[[X1]])
// CHECK:         %[[I0:.*]] = nuri.Constant dense<0> : tensor<i64>
// CHECK:         %[[X0:.*]] = "nuri.Gather"(%arg1, %[[I0]])
// CHECK:         %[[S2:.*]] = "nuri.Add"(%[[S1]], %[[X0]])
// CHECK-DAG:     %[[U0:.*]] = "nuri.Unsqueeze"(%[[S0]], %{{.*}})
// CHECK-DAG:     %[[U1:.*]] = "nuri.Unsqueeze"(%[[S1]], %{{.*}})
// CHECK-DAG:     %[[U2:.*]] = "nuri.Unsqueeze"(%[[S2]], %{{.*}})
// CHECK:         %[[OUT:.*]] = "nuri.Concat"(%[[U2]], %[[U1]], %[[U0]]) <{axis = 0 : i64}> : (tensor<1x2xf32>, tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<3x2xf32>
// CHECK:         return %[[S2]], %[[OUT]] : tensor<2xf32>, tensor<3x2xf32>
func.func @scan_reverse(%init: tensor<2xf32>, %xs: tensor<3x2xf32>) -> (tensor<2xf32>, tensor<3x2xf32>) {
  %r:2 = "nuri.Scan"(%init, %xs) <{num_scan_inputs = 1 : i64, scan_input_directions = [1], scan_output_directions = [1]}> ({
  ^bb0(%s: tensor<2xf32>, %x: tensor<2xf32>):
    %n = "nuri.Add"(%s, %x) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    nuri.Yield %n, %n : tensor<2xf32>, tensor<2xf32>
  }) : (tensor<2xf32>, tensor<3x2xf32>) -> (tensor<2xf32>, tensor<3x2xf32>)
  return %r#0, %r#1 : tensor<2xf32>, tensor<3x2xf32>
}

// -----

// Control flow nested in a loop body is inlined once unrolling exposes it.
// CHECK-LABEL: func.func @nested
// CHECK-NOT:     "nuri.If"
// CHECK-NOT:     "nuri.Loop"
// CHECK-COUNT-2: "nuri.Neg"
func.func @nested(%x: tensor<2xf32>) -> tensor<2xf32> {
  %m = nuri.Constant dense<2> : tensor<i64>
  %r = "nuri.Loop"(%m, %x) <{operandSegmentSizes = array<i32: 1, 0, 1>}> ({
  ^bb0(%i: tensor<i64>, %cond: tensor<i1>, %v: tensor<2xf32>):
    %t = nuri.Constant dense<true> : tensor<i1>
    %y = "nuri.If"(%t) ({
      %n = "nuri.Neg"(%v) : (tensor<2xf32>) -> tensor<2xf32>
      nuri.Yield %n : tensor<2xf32>
    }, {
      nuri.Yield %v : tensor<2xf32>
    }) : (tensor<i1>) -> tensor<2xf32>
    nuri.Yield %cond, %y : tensor<i1>, tensor<2xf32>
  }) : (tensor<i64>, tensor<2xf32>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @too_long(%x: tensor<2xf32>) -> tensor<2xf32> {
  %m = nuri.Constant dense<100000> : tensor<i64>
  // expected-error @+1 {{the Loop runs more than 4096 iterations}}
  %r = "nuri.Loop"(%m, %x) <{operandSegmentSizes = array<i32: 1, 0, 1>}> ({
  ^bb0(%i: tensor<i64>, %cond: tensor<i1>, %v: tensor<2xf32>):
    nuri.Yield %cond, %v : tensor<i1>, tensor<2xf32>
  }) : (tensor<i64>, tensor<2xf32>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}
