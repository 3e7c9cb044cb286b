//===- NuriBase.td - The Nuri dialect's base definitions ---*- tablegen -*-===//
//
// The `nuri` dialect holds ONNX ops as typed MLIR ops (generated from ONNX's
// own schemas into NuriOnnxOps.td) plus a few ops of Nuri's own.
//
//===----------------------------------------------------------------------===//

#ifndef NURI_BASE_TD
#define NURI_BASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Nuri_Dialect : Dialect {
  let name = "nuri";
  let cppNamespace = "::nuri";
  let summary = "ONNX operators as typed MLIR ops, and Nuri's own ops";
  let description = [{
    Tensors use MLIR's builtin tensor types. ONNX element types map to
    builtin types: float/double/float16/bfloat16 to f32/f64/f16/bf16, signed
    integers to signless iN, unsigned integers to uiN, bool to i1, and
    string to !nuri.string.
  }];
  let useDefaultTypePrinterParser = 1;
  let hasConstantMaterializer = 1;
}

class Nuri_Type<string name, string typeMnemonic>
    : TypeDef<Nuri_Dialect, name> {
  let mnemonic = typeMnemonic;
}

def Nuri_String : Nuri_Type<"String", "string"> {
  let summary = "an ONNX string tensor element";
}

class Nuri_Op<string mnemonic, list<Trait> traits = []>
    : Op<Nuri_Dialect, mnemonic, traits>;

// An op generated from an ONNX schema. `opset` is the ONNX opset version of
// the schema the op mirrors; the importer brings older forms up to it.
class Nuri_OnnxOp<string mnemonic, int opset, list<Trait> traits = []>
    : Nuri_Op<mnemonic, traits> {
  let extraClassDeclaration = [{
    static constexpr int kOnnxOpsetVersion = }] # opset # [{;
  }];
}

#endif // NURI_BASE_TD
