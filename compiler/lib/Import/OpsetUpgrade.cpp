//===- OpsetUpgrade.cpp - Bring an ONNX model to the dialect opset --------===//

#include "nuri/Import/OpsetUpgrade.h"

#include "mlir/IR/Diagnostics.h"

#include <onnx/defs/schema.h>
#include <onnx/version_converter/convert.h>

#include <set>
#include <string>

using namespace mlir;

namespace nuri {

int defaultDomainOpset(const onnx::ModelProto &model) {
  for (const auto &opset : model.opset_import())
    if (opset.domain().empty() || opset.domain() == "ai.onnx")
      return static_cast<int>(opset.version());
  return -1;
}

LogicalResult upgradeToOpset(onnx::ModelProto &model, int targetOpset,
                             Location loc) {
  int opset = defaultDomainOpset(model);
  if (opset < 0)
    return emitError(loc) << "the model imports no default-domain ONNX opset";
  if (opset > targetOpset)
    return emitError(loc) << "the model uses ONNX opset " << opset
                          << ", newer than the newest Nuri supports ("
                          << targetOpset << ")";
  if (opset == targetOpset)
    return success();

  // Which ops changed their schema between the two opsets?
  std::set<std::string> changed;
  for (const auto &node : model.graph().node()) {
    if (!node.domain().empty() && node.domain() != "ai.onnx")
      continue;
    const auto *registry = onnx::OpSchemaRegistry::Instance();
    const onnx::OpSchema *old = registry->GetSchema(node.op_type(), opset, "");
    const onnx::OpSchema *now =
        registry->GetSchema(node.op_type(), targetOpset, "");
    if (!old)
      return emitError(loc)
             << "op '" << node.op_type()
             << "' does not exist at the model's opset " << opset;
    if (!now)
      return emitError(loc) << "op '" << node.op_type()
                            << "' was removed before opset " << targetOpset;
    if (old->SinceVersion() != now->SinceVersion())
      changed.insert(node.op_type());
  }
  if (changed.empty()) {
    // Every op means the same at the target opset: just relabel.
    for (auto &entry : *model.mutable_opset_import())
      if (entry.domain().empty() || entry.domain() == "ai.onnx")
        entry.set_version(targetOpset);
    return success();
  }
  try {
    model = onnx::version_conversion::ConvertVersion(model, targetOpset);
  } catch (const std::exception &e) {
    std::string ops;
    for (const auto &op : changed)
      ops += (ops.empty() ? "" : ", ") + op;
    return emitError(loc) << "cannot upgrade the model from opset " << opset
                          << " to " << targetOpset << " (ops whose schema "
                          << "changed: " << ops << "): " << e.what();
  }
  return success();
}

} // namespace nuri
