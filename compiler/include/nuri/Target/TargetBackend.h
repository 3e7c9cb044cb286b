//===- TargetBackend.h - A compile target's interface -----------*- C++ -*-===//
//
// A compile target turns the planned nuri module into the device segments
// of an artifact. Each backend folder (backends/<name>/target) implements one
// and registers it through the list in backends/CMakeLists.txt.
//
//===----------------------------------------------------------------------===//
#ifndef NURI_TARGET_TARGETBACKEND_H
#define NURI_TARGET_TARGETBACKEND_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassManager.h"

#include <string>

namespace nuri {

class ArtifactWriter;

class TargetBackend {
public:
  virtual ~TargetBackend() = default;

  // The name users pass to --target (and the artifact's target field).
  virtual llvm::StringRef name() const = 0;
  virtual llvm::StringRef description() const = 0;

  // Why the target cannot run `op`, or an empty string when it can.
  virtual std::string unsupportedReason(mlir::Operation *op) const = 0;

  // Target-specific passes, run after the common pipeline and the support
  // check and before memory planning.
  virtual void buildPipeline(mlir::OpPassManager &pm) const {}

  // Emits the segments that run the planned `func` into `writer`.
  virtual mlir::LogicalResult emitSegments(mlir::func::FuncOp func,
                                           ArtifactWriter &writer) const = 0;
};

} // namespace nuri

#endif // NURI_TARGET_TARGETBACKEND_H
