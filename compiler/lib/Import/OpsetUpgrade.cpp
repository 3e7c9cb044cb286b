//===- OpsetUpgrade.cpp - Bring an ONNX model to the dialect opset --------===//

#include "nuri/Import/OpsetUpgrade.h"

#include "mlir/IR/Diagnostics.h"

#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>
#include <onnx/version_converter/convert.h>

#include <algorithm>
#include <set>
#include <string>

using namespace mlir;

namespace nuri {
namespace {

// The model's default-domain ("" or "ai.onnx") opset, or -1 if it has none.
int defaultDomainOpset(const onnx::ModelProto &model) {
  for (const auto &opset : model.opset_import())
    if (opset.domain().empty() || opset.domain() == "ai.onnx")
      return static_cast<int>(opset.version());
  return -1;
}

// Adds to `changed` the default-domain ops of `graph`, and of the subgraphs
// its nodes hold (If/Loop/Scan bodies), whose schema differs between `opset`
// and `targetOpset`. Fails at `loc` for an op missing at either opset.
LogicalResult collectChangedOps(const onnx::GraphProto &graph, int opset,
                                int targetOpset, Location loc,
                                std::set<std::string> &changed) {
  const auto *registry = onnx::OpSchemaRegistry::Instance();
  for (const auto &node : graph.node()) {
    if (node.domain().empty() || node.domain() == "ai.onnx") {
      const onnx::OpSchema *old =
          registry->GetSchema(node.op_type(), opset, "");
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
    for (const auto &attr : node.attribute()) {
      if (attr.type() == onnx::AttributeProto::GRAPH &&
          failed(collectChangedOps(attr.g(), opset, targetOpset, loc, changed)))
        return failure();
      if (attr.type() == onnx::AttributeProto::GRAPHS)
        for (const auto &subgraph : attr.graphs())
          if (failed(collectChangedOps(subgraph, opset, targetOpset, loc,
                                       changed)))
            return failure();
    }
  }
  return success();
}

// The rank of `name` from the graph's inputs and inferred value infos; -1 if
// unknown.
int rankOf(const onnx::GraphProto &graph, const std::string &name) {
  auto rank = [&](const onnx::ValueInfoProto &vi) {
    return vi.type().tensor_type().has_shape()
               ? vi.type().tensor_type().shape().dim_size()
               : -1;
  };
  for (const auto &vi : graph.input())
    if (vi.name() == name)
      return rank(vi);
  for (const auto &vi : graph.value_info())
    if (vi.name() == name)
      return rank(vi);
  return -1;
}

// Before opset 7, exporters (PyTorch among them) gave PRelu a 1-D slope
// meant per channel (axis 1); from opset 7 on slopes broadcast from the
// right. Reshape such constant slopes to [C, 1, ..., 1] so they keep their
// meaning after the upgrade.
void fixLegacyPReluSlopes(onnx::ModelProto &model) {
  onnx::GraphProto &graph = *model.mutable_graph();
  for (const auto &node : graph.node()) {
    if (node.op_type() != "PRelu" || node.input_size() < 2)
      continue;
    int rank = rankOf(graph, node.input(0));
    if (rank <= 2)
      continue;
    for (auto &init : *graph.mutable_initializer()) {
      if (init.name() != node.input(1) || init.dims_size() != 1)
        continue;
      int64_t channels = init.dims(0);
      init.clear_dims();
      init.add_dims(channels);
      for (int i = 2; i < rank; ++i)
        init.add_dims(1);
      for (auto &input : *graph.mutable_input())
        if (input.name() == init.name()) {
          auto *shape =
              input.mutable_type()->mutable_tensor_type()->mutable_shape();
          shape->clear_dim();
          for (int64_t d : init.dims())
            shape->add_dim()->set_dim_value(d);
        }
    }
  }
}

} // namespace

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
  if (failed(
          collectChangedOps(model.graph(), opset, targetOpset, loc, changed)))
    return failure();
  // The upgraded model follows the current IR (initializers need not be
  // graph inputs, etc.).
  auto bumpIrVersion = [&] {
    model.set_ir_version(
        std::max<int64_t>(model.ir_version(), onnx::Version::IR_VERSION));
  };
  if (changed.empty()) {
    // Every op means the same at the target opset: just relabel.
    for (auto &entry : *model.mutable_opset_import())
      if (entry.domain().empty() || entry.domain() == "ai.onnx")
        entry.set_version(targetOpset);
    bumpIrVersion();
    return success();
  }
  try {
    // The converter's adapters read tensor shapes (e.g. Softmax 12->13,
    // Gemm 6->7): give them ONNX's inferred shapes first.
    onnx::ShapeInferenceOptions options(/*check_type=*/false,
                                        /*strict_mode=*/0,
                                        /*data_prop=*/false);
    onnx::shape_inference::InferShapes(
        model, onnx::OpSchemaRegistry::Instance(), options);
    if (opset < 7)
      fixLegacyPReluSlopes(model);
    model = onnx::version_conversion::ConvertVersion(model, targetOpset);
    bumpIrVersion();
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
