//===- CheckTargetSupport.cpp - Reject ops the target cannot run ----------===//

#include "nuri/Dialect/Nuri/IR/NuriOps.h"
#include "nuri/Dialect/Nuri/Transforms/Passes.h"
#include "nuri/Support/OnnxSchema.h"
#include "nuri/Target/TargetRegistry.h"

using namespace mlir;

namespace nuri {
#define GEN_PASS_DEF_CHECKTARGETSUPPORT
#include "nuri/Dialect/Nuri/Transforms/Passes.h.inc"

namespace {
struct CheckTargetSupportPass
    : public impl::CheckTargetSupportBase<CheckTargetSupportPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    const TargetBackend *backend = TargetRegistry::global().find(target);
    if (!backend) {
      func.emitError() << "unknown target '" << target << "'";
      return signalPassFailure();
    }
    bool ok = true;
    // Report every unsupported op at once: bring-up needs the whole list.
    func.walk([&](Operation *op) {
      if (op == func || isa<ConstantOp, func::ReturnOp>(op))
        return;
      std::string reason = backend->unsupportedReason(op);
      if (reason.empty())
        return;
      StringRef type = onnxOpType(op);
      op->emitError() << "op type '"
                      << (type.empty() ? op->getName().getStringRef() : type)
                      << "' is not supported by target '" << backend->name()
                      << "': " << reason;
      ok = false;
    });
    if (!ok)
      signalPassFailure();
  }
};
} // namespace
} // namespace nuri
