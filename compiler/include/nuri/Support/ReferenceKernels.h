//===- ReferenceKernels.h - nuri ops on the cpu-ref kernels -----*- C++ -*-===//
//
// The bridge between nuri dialect ops and the reference kernels
// (backends/cpu_ref/kernels): the compiler folds constants with the same
// kernels the cpu-ref device runs, so Nuri has one definition of each op.
//
//===----------------------------------------------------------------------===//
#ifndef NURI_SUPPORT_REFERENCEKERNELS_H
#define NURI_SUPPORT_REFERENCEKERNELS_H

#include "cpu_ref/kernels/attributes.h"
#include "nuri/status.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Operation.h"

namespace nuri {

// The op's ONNX attributes as the kernels see them, with the schema's
// default filled in for every absent attribute that has one.
Result<cpu_ref::AttributeMap> kernelAttributes(mlir::Operation *op);

// True when cpu-ref has a kernel for the op's ONNX op type.
bool hasReferenceKernel(mlir::Operation *op);

// True when the op's kernel can decide its output shapes from the data
// (NonZero, Unique, ...), so it can be evaluated with non-static results.
bool computesOutputShapes(mlir::Operation *op);

// Runs the op's kernel on constant inputs (ONNX positional order, null for
// absent optionals). The op's results must have static types unless
// computesOutputShapes(op). Returns one attribute per ONNX output position
// (null for absent optional outputs), typed with the shape computed.
Result<llvm::SmallVector<mlir::DenseElementsAttr>>
evaluateWithReferenceKernel(mlir::Operation *op,
                            llvm::ArrayRef<mlir::ElementsAttr> inputs);

} // namespace nuri

#endif // NURI_SUPPORT_REFERENCEKERNELS_H
