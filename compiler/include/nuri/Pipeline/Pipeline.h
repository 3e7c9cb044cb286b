//===- Pipeline.h - The nuri-compile pass pipeline --------------*- C++ -*-===//
//
// imported module
//   -> nuri-shape-inference -> nuri-constant-folding
//   -> nuri-inline-control-flow -> nuri-shape-inference
//   -> nuri-constant-folding -> nuri-shape-inference
//   -> nuri-eliminate-dead-code -> nuri-verify-static-shapes     (common)
//   -> nuri-check-target-support -> <target passes> -> nuri-plan-memory
//   -> serializeArtifact (the target emits its segments)
//
//===----------------------------------------------------------------------===//
#ifndef NURI_PIPELINE_PIPELINE_H
#define NURI_PIPELINE_PIPELINE_H

#include "nuri/Target/TargetBackend.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"

namespace nuri {

// Registers the built-in targets (once) and returns the registry.
class TargetRegistry;
TargetRegistry &builtinTargets();

// Dialects the compiler's IR uses.
void registerNuriDialects(mlir::DialectRegistry &registry);

// Target-independent cleanup and shape resolution.
void buildCommonPipeline(mlir::OpPassManager &pm);
// The common pipeline plus the target's part, up to memory planning.
void buildCompilePipeline(mlir::OpPassManager &pm, const TargetBackend &target);

// Registers the built-in targets, every nuri pass and the
// `nuri-compile-pipeline{target=NAME}` pipeline with MLIR's registry (for
// nuri-opt).
void registerNuriPassesAndPipelines();

} // namespace nuri

#endif // NURI_PIPELINE_PIPELINE_H
