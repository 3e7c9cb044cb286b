//===- Compile.cpp - Compile an ONNX model in one call --------------------===//

#include "nuri/Pipeline/Compile.h"

#include "nuri/Pipeline/Pipeline.h"
#include "nuri/Support/Diagnostics.h"
#include "nuri/Target/ArtifactWriter.h"
#include "nuri/Target/TargetRegistry.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"

using namespace mlir;

namespace nuri {

CompileResult compileOnnxModel(const CompileRequest &request) {
  CompileResult result;
  const TargetBackend *target = builtinTargets().find(request.target);
  if (!target) {
    result.diagnostics = "error: unknown target '" + request.target + "'\n";
    return result;
  }
  DialectRegistry registry;
  registerNuriDialects(registry);
  // One context per call: no state shared between models or threads.
  MLIRContext context(registry, MLIRContext::Threading::DISABLED);
  context.printOpOnDiagnostic(false);
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    result.diagnostics += formatDiagnostic(diag);
    return success();
  });

  OwningOpRef<ModuleOp> module =
      importOnnxFile(context, request.modelPath, request.import);
  if (!module)
    return result;
  PassManager pm(&context);
  buildCompilePipeline(pm, *target);
  if (failed(pm.run(*module)))
    return result;
  FailureOr<std::vector<uint8_t>> artifact =
      serializeArtifact(*module, *target);
  if (failed(artifact))
    return result;
  result.ok = true;
  result.artifact = std::move(*artifact);
  return result;
}

} // namespace nuri
