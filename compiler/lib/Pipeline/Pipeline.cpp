//===- Pipeline.cpp - The nuri-compile pass pipeline ----------------------===//

#include "nuri/Pipeline/Pipeline.h"

#include "nuri/Dialect/Nuri/IR/NuriOps.h"
#include "nuri/Dialect/Nuri/Transforms/Passes.h"
#include "nuri/Target/TargetRegistry.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassRegistry.h"

#include <mutex>

using namespace mlir;

namespace nuri {

TargetRegistry &builtinTargets() {
  static std::once_flag once;
  std::call_once(once,
                 [] { registerBuiltinTargets(TargetRegistry::global()); });
  return TargetRegistry::global();
}

void registerNuriDialects(DialectRegistry &registry) {
  registry.insert<NuriDialect, func::FuncDialect>();
}

void buildCommonPipeline(OpPassManager &pm) {
  OpPassManager &f = pm.nest<func::FuncOp>();
  f.addPass(createShapeInference());
  f.addPass(createConstantFolding());
  f.addPass(createInlineControlFlow());
  f.addPass(createShapeInference());
  f.addPass(createConstantFolding());
  f.addPass(createShapeInference());
  f.addPass(createEliminateDeadCode());
  f.addPass(createVerifyStaticShapes());
}

void buildCompilePipeline(OpPassManager &pm, const TargetBackend &target) {
  buildCommonPipeline(pm);
  CheckTargetSupportOptions check;
  check.target = target.name().str();
  pm.nest<func::FuncOp>().addPass(createCheckTargetSupport(check));
  target.buildPipeline(pm);
  pm.nest<func::FuncOp>().addPass(createPlanMemory());
}

namespace {
struct CompilePipelineOptions
    : public PassPipelineOptions<CompilePipelineOptions> {
  Option<std::string> target{*this, "target",
                             llvm::cl::desc("Compile target name"),
                             llvm::cl::init("cpu-ref")};
};
} // namespace

void registerNuriPassesAndPipelines() {
  // nuri-check-target-support and nuri-serialize-artifact look their target
  // up in TargetRegistry::global(): fill it before any pass runs.
  builtinTargets();
  registerNuriPasses();
  PassPipelineRegistration<CompilePipelineOptions>(
      "nuri-compile-pipeline",
      "The whole nuri-compile pipeline for a target, up to memory planning",
      [](OpPassManager &pm, const CompilePipelineOptions &options) {
        const TargetBackend *target = builtinTargets().find(options.target);
        if (!target) {
          // Let the support check report the unknown target by name.
          CheckTargetSupportOptions check;
          check.target = options.target;
          pm.nest<func::FuncOp>().addPass(createCheckTargetSupport(check));
          return;
        }
        buildCompilePipeline(pm, *target);
      });
}

} // namespace nuri
