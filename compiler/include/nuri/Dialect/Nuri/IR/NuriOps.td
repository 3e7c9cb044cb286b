//===- NuriOps.td - The Nuri dialect's ops -----------------*- tablegen -*-===//

#ifndef NURI_OPS_TD
#define NURI_OPS_TD

include "nuri/Dialect/Nuri/IR/NuriBase.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"

// A tensor known at compile time: ONNX initializers and Constant nodes, and
// the results of constant folding.
def Nuri_ConstantOp : Nuri_Op<"Constant",
    [ConstantLike, Pure, AllTypesMatch<["value", "output"]>]> {
  let summary = "a constant tensor";
  let arguments = (ins ElementsAttr:$value);
  let results = (outs AnyTensor:$output);
  let assemblyFormat = "attr-dict $value";
  let builders = [OpBuilder<(ins "::mlir::ElementsAttr":$value), [{
    build($_builder, $_state, value.getType(), value);
  }]>];
  let hasFolder = 1;
}

// Ends an ONNX subgraph (the body of If/Loop/Scan), returning its outputs.
def Nuri_YieldOp : Nuri_Op<"Yield", [Pure, Terminator, ReturnLike]> {
  let summary = "returns the outputs of an ONNX subgraph";
  let arguments = (ins Variadic<AnyType>:$operands);
  let assemblyFormat = "attr-dict ($operands^ `:` type($operands))?";
}

include "nuri/Dialect/Nuri/IR/NuriOnnxOps.td"

#endif // NURI_OPS_TD
