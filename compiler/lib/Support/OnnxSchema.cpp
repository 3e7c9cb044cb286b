//===- OnnxSchema.cpp - ONNX schemas of Nuri dialect ops ------------------===//

#include "nuri/Support/OnnxSchema.h"

#include "nuri/Dialect/Nuri/IR/NuriOps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/OpDefinition.h"

#include <onnx/defs/schema.h>

using namespace mlir;

namespace nuri {

StringRef onnxOpType(Operation *op) {
  if (!isa<NuriDialect>(op->getDialect()) || isa<ConstantOp, YieldOp>(op))
    return {};
  return op->getName().stripDialect();
}

const onnx::OpSchema *onnxSchema(Operation *op) {
  StringRef type = onnxOpType(op);
  if (type.empty())
    return nullptr;
  return onnx::OpSchemaRegistry::Schema(type.str(), kDialectOpset, "");
}

namespace {

using Formals = std::vector<onnx::OpSchema::FormalParameter>;

// Splits `values` into ONNX positions following the formal parameters and
// the segment sizes (from `segmentAttr` when the op has one).
SmallVector<Value> toPositions(Operation *op, const Formals &formals,
                               ValueRange values, StringRef segmentAttr) {
  SmallVector<int32_t> sizes;
  if (auto attr = op->getAttrOfType<DenseI32ArrayAttr>(segmentAttr)) {
    sizes.assign(attr.asArrayRef().begin(), attr.asArrayRef().end());
  } else {
    int64_t fixed = 0;
    for (const auto &f : formals)
      if (f.GetOption() == onnx::OpSchema::Single)
        ++fixed;
    int64_t variable = static_cast<int64_t>(values.size()) - fixed;
    for (const auto &f : formals)
      sizes.push_back(f.GetOption() == onnx::OpSchema::Single
                          ? 1
                          : static_cast<int32_t>(variable));
  }
  SmallVector<Value> positions;
  size_t next = 0;
  for (size_t i = 0; i < formals.size() && i < sizes.size(); ++i) {
    int32_t n = sizes[i];
    if (formals[i].GetOption() == onnx::OpSchema::Variadic) {
      for (int32_t k = 0; k < n && next < values.size(); ++k)
        positions.push_back(values[next++]);
      continue;
    }
    positions.push_back(n > 0 && next < values.size() ? values[next++]
                                                      : Value());
  }
  // Trailing absent optionals carry no information.
  while (!positions.empty() && !positions.back())
    positions.pop_back();
  return positions;
}

} // namespace

SmallVector<Value> onnxInputs(Operation *op) {
  const onnx::OpSchema *schema = onnxSchema(op);
  if (!schema)
    return SmallVector<Value>(op->getOperands());
  return toPositions(op, schema->inputs(), op->getOperands(),
                     "operandSegmentSizes");
}

SmallVector<Value> onnxOutputs(Operation *op) {
  const onnx::OpSchema *schema = onnxSchema(op);
  if (!schema)
    return SmallVector<Value>(op->getResults());
  return toPositions(op, schema->outputs(), op->getResults(),
                     "resultSegmentSizes");
}

std::string odsName(StringRef onnxName) {
  if (onnxName == "name" || onnxName == "type")
    return onnxName.str() + "_";
  return onnxName.str();
}

std::string nodeName(Operation *op) {
  std::string name;
  op->getLoc()->walk([&](Location loc) {
    if (auto named = dyn_cast<NameLoc>(loc)) {
      name = named.getName().str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return name;
}

std::string describeNode(Operation *op) {
  StringRef type = onnxOpType(op);
  std::string what =
      type.empty() ? op->getName().getStringRef().str() : type.str();
  std::string name = nodeName(op);
  if (!name.empty())
    what += " '" + name + "'";
  return what;
}

} // namespace nuri
