//===- Passes.td - Passes over the nuri dialect ------------*- tablegen -*-===//

#ifndef NURI_TRANSFORMS_PASSES_TD
#define NURI_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def ShapeInference : Pass<"nuri-shape-inference", "mlir::func::FuncOp"> {
  let summary = "Refines result types with ONNX's own shape inference";
  let description = [{
    For every nuri op, static results included (and ops in If/Loop/Scan
    bodies, though not those control-flow ops themselves), runs the type and
    shape inference function of its ONNX schema, seeing the values of
    constant operands (so a Reshape whose shape is a constant gets a static
    result). Unknown dims stay dynamic; a conflict with a declared type is
    an error. Updates the function's result types.
  }];
}

def ConstantFolding : Pass<"nuri-constant-folding", "mlir::func::FuncOp"> {
  let summary = "Evaluates ops whose operands are all constants";
  let description = [{
    Runs every side-effect-free nuri op whose operands are all constants
    (initializers, Constant nodes, or earlier folds) through the cpu-ref
    reference kernel and replaces it with a nuri.Constant. Refines result
    types on the way, so shape computations (Shape -> Gather -> Concat ->
    Reshape) collapse in one walk. A result is materialized only when it is
    at most `max-result-bytes` or no larger than the operands.
  }];
  let options = [
    Option<"maxResultBytes", "max-result-bytes", "int64_t",
           /*default=*/"1 << 20",
           "Largest folded result that may grow the constants">
  ];
}

def InlineControlFlow : Pass<"nuri-inline-control-flow",
                             "mlir::func::FuncOp"> {
  let summary = "Inlines If with a constant condition and unrolls Loop and "
                "Scan with a constant trip count";
  let description = [{
    Nuri compiles static graphs: an If whose condition is a compile-time
    constant becomes the ops of the branch taken; a Loop whose trip count
    and condition are constants, and a Scan (whose length is static), are
    unrolled, folding each iteration's constants so the next condition is
    known. Scan outputs are stacked with Unsqueeze and Concat. A condition
    known only at run time is an error that names the model inputs to bind.
  }];
  let options = [
    Option<"maxIterations", "max-iterations", "int64_t", /*default=*/"4096",
           "Most iterations unrolled for one Loop or Scan">,
    Option<"maxResultBytes", "max-result-bytes", "int64_t",
           /*default=*/"1 << 20",
           "Folding limit inside unrolled iterations (see constant-folding)">
  ];
}

def EliminateDeadCode : Pass<"nuri-eliminate-dead-code", "mlir::func::FuncOp"> {
  let summary = "Removes side-effect-free ops whose results are unused";
}

def VerifyStaticShapes : Pass<"nuri-verify-static-shapes",
                              "mlir::func::FuncOp"> {
  let summary = "Fails unless every tensor has a static shape and a "
                "supported element type";
  let description = [{
    Nuri compiles static graphs with one memory plan. This pass names each
    op whose result is not static and, where a model input is the cause,
    how to bind it.
  }];
}

def CheckTargetSupport : Pass<"nuri-check-target-support",
                              "mlir::func::FuncOp"> {
  let summary = "Fails on ops the compile target cannot run";
  let description = [{
    Asks the target backend about every op and reports each unsupported one
    with its op type, node name and reason.
  }];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"\"cpu-ref\"",
           "Compile target name">
  ];
}

def PlanMemory : Pass<"nuri-plan-memory", "mlir::func::FuncOp"> {
  let summary = "Assigns every intermediate tensor an offset in one arena";
  let description = [{
    Makes each function result a distinct op result (inserting Identity
    copies for returned inputs, constants and duplicates), computes tensor
    lifetimes over the op order, and packs intermediates into one arena
    (greedy by size, best fit). Sets `nuri.arena_offsets` on each op (one
    per result, -1 for function outputs) and `nuri.arena_size` on the
    function.
  }];
  let options = [
    Option<"alignment", "alignment", "int64_t", /*default=*/"64",
           "Byte alignment of every arena tensor">
  ];
}

def SerializeArtifact : Pass<"nuri-serialize-artifact", "mlir::ModuleOp"> {
  let summary = "Writes the planned module as a Nuri artifact file";
  let description = [{
    The last step of nuri-compile: the target-independent part of the
    artifact (signature, value table, constants, memory plan) plus the
    target backend's segments, written to `output`. The IR is unchanged.
  }];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"\"cpu-ref\"",
           "Compile target name">,
    Option<"output", "output", "std::string", /*default=*/"\"-\"",
           "Artifact file to write ('-' for stdout)">
  ];
}

#endif // NURI_TRANSFORMS_PASSES_TD
