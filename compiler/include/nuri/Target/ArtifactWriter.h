//===- ArtifactWriter.h - Serialize a planned module ------------*- C++ -*-===//
//
// Builds the target-independent part of an artifact (signature, value table,
// constants, memory plan; see runtime/schema/artifact.fbs) from a function
// that went through nuri-plan-memory, and collects the segments a target
// backend emits.
//
//===----------------------------------------------------------------------===//
#ifndef NURI_TARGET_ARTIFACTWRITER_H
#define NURI_TARGET_ARTIFACTWRITER_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/DenseMap.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace nuri {

class TargetBackend;

class ArtifactWriter {
public:
  ArtifactWriter();
  ~ArtifactWriter();

  // Assigns every value of the planned `func` a slot in the value table.
  mlir::LogicalResult addFunction(mlir::func::FuncOp func);

  // The value-table index of `value`; -1 for a null Value (absent optional).
  int32_t valueIndex(mlir::Value value) const;

  void addSegment(llvm::StringRef name, llvm::StringRef target,
                  llvm::StringRef format, uint32_t formatVersion,
                  llvm::ArrayRef<uint8_t> payload);

  // The finished artifact bytes.
  std::vector<uint8_t> finish(llvm::StringRef target, llvm::StringRef modelName,
                              llvm::StringRef producer);

private:
  struct State;
  std::unique_ptr<State> state;
};

// The producer string stamped into artifacts ("nuri-compile 0.1.0").
std::string producerString();

// Serializes `module` (its planned @main) for `target`; null on failure after
// emitting an error.
mlir::FailureOr<std::vector<uint8_t>>
serializeArtifact(mlir::ModuleOp module, const TargetBackend &target);

} // namespace nuri

#endif // NURI_TARGET_ARTIFACTWRITER_H
