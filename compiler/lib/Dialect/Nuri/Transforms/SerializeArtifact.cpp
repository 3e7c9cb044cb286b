//===- SerializeArtifact.cpp - Write the planned module as an artifact ----===//

#include "nuri/Dialect/Nuri/Transforms/Passes.h"
#include "nuri/Target/ArtifactWriter.h"
#include "nuri/Target/TargetRegistry.h"

#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;

namespace nuri {
#define GEN_PASS_DEF_SERIALIZEARTIFACT
#include "nuri/Dialect/Nuri/Transforms/Passes.h.inc"

namespace {
struct SerializeArtifactPass
    : public impl::SerializeArtifactBase<SerializeArtifactPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    const TargetBackend *backend = TargetRegistry::global().find(target);
    if (!backend) {
      module.emitError() << "unknown target '" << target << "'";
      return signalPassFailure();
    }
    FailureOr<std::vector<uint8_t>> bytes = serializeArtifact(module, *backend);
    if (failed(bytes))
      return signalPassFailure();
    std::string error;
    std::unique_ptr<llvm::ToolOutputFile> file = openOutputFile(output, &error);
    if (!file) {
      module.emitError() << error;
      return signalPassFailure();
    }
    file->os().write(reinterpret_cast<const char *>(bytes->data()),
                     bytes->size());
    file->keep();
    markAllAnalysesPreserved();
  }
};
} // namespace
} // namespace nuri
