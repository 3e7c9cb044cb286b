//===- TypeInference.cpp - ONNX shape inference on nuri ops ---------------===//
//
// Adapts a nuri op to ONNX's InferenceContext so the inference function of
// the op's own ONNX schema computes its result types: one source of truth
// for ONNX's type rules, at the dialect's opset.
//
//===----------------------------------------------------------------------===//

#include "nuri/Support/TypeInference.h"

#include "nuri/Dialect/Nuri/IR/NuriOps.h"
#include "nuri/Support/OnnxInterop.h"
#include "nuri/Support/OnnxSchema.h"

#include "mlir/IR/BuiltinTypes.h"

#include <onnx/defs/schema.h>
#include <onnx/defs/shape_inference.h>

#include <map>
#include <memory>

using namespace mlir;

namespace nuri {
namespace {

// Constant operands larger than this are not shown to inference functions:
// the ones that read values (shapes, axes, pads, scales) read small tensors.
constexpr int64_t kMaxInferenceDataElements = 1 << 16;

class OpInferenceContext : public onnx::InferenceContext {
public:
  OpInferenceContext(Operation *op, const onnx::OpSchema &schema)
      : inputs(onnxInputs(op)), outputs(onnxOutputs(op)) {
    inputTypes.resize(inputs.size());
    for (auto [i, v] : llvm::enumerate(inputs))
      if (v)
        typeToOnnx(v.getType(), inputTypes[i]);
    // ONNX inference decides whether optional outputs exist from their
    // count, so absent trailing optionals stay absent.
    outputTypes.resize(outputs.size());
    for (const auto &[name, formal] : schema.attributes()) {
      Attribute value = op->getAttr(odsName(name));
      if (!value)
        continue;
      onnx::AttributeProto proto;
      if (attributeToOnnx(
              name, value,
              static_cast<onnx::AttributeProto::AttributeType>(formal.type),
              proto))
        attributes[name] = std::move(proto);
    }
  }

  const onnx::AttributeProto *
  getAttribute(const std::string &name) const override {
    auto it = attributes.find(name);
    return it == attributes.end() ? nullptr : &it->second;
  }
  size_t getNumInputs() const override { return inputs.size(); }
  const onnx::TypeProto *getInputType(size_t index) const override {
    return index < inputs.size() && inputs[index] ? &inputTypes[index]
                                                  : nullptr;
  }
  const onnx::TensorProto *getInputData(size_t index) const override {
    if (index >= inputs.size() || !inputs[index])
      return nullptr;
    auto constant = inputs[index].getDefiningOp<ConstantOp>();
    if (!constant ||
        constant.getValue().getNumElements() > kMaxInferenceDataElements)
      return nullptr;
    auto &slot = inputData[index];
    if (!slot) {
      slot = std::make_unique<onnx::TensorProto>();
      tensorToOnnx(constant.getValue(), *slot);
    }
    return slot.get();
  }
  size_t getNumOutputs() const override { return outputs.size(); }
  onnx::TypeProto *getOutputType(size_t index) override {
    return index < outputTypes.size() ? &outputTypes[index] : nullptr;
  }
  onnx::GraphInferencer *
  getGraphAttributeInferencer(const std::string &) override {
    return nullptr;
  }
  const onnx::SparseTensorProto *getInputSparseData(size_t) const override {
    return nullptr;
  }
  const onnx::TensorShapeProto *getSymbolicInput(size_t) const override {
    return nullptr;
  }

  SmallVector<Value> inputs;
  SmallVector<Value> outputs;
  std::vector<onnx::TypeProto> inputTypes;
  std::vector<onnx::TypeProto> outputTypes;
  std::map<std::string, onnx::AttributeProto> attributes;
  mutable std::map<size_t, std::unique_ptr<onnx::TensorProto>> inputData;
};

// The more precise of two types of one value, or null on a contradiction.
Type mergeTypes(Type declared, Type inferred) {
  auto oldType = cast<ShapedType>(declared);
  auto newType = cast<ShapedType>(inferred);
  if (oldType.getElementType() != newType.getElementType())
    return nullptr;
  if (!newType.hasRank())
    return declared;
  if (!oldType.hasRank())
    return inferred;
  if (oldType.getRank() != newType.getRank())
    return nullptr;
  SmallVector<int64_t> dims;
  for (auto [a, b] : llvm::zip(oldType.getShape(), newType.getShape())) {
    if (!ShapedType::isDynamic(a) && !ShapedType::isDynamic(b) && a != b)
      return nullptr;
    dims.push_back(ShapedType::isDynamic(a) ? b : a);
  }
  return RankedTensorType::get(dims, oldType.getElementType());
}

} // namespace

bool hasStaticResults(Operation *op) {
  return llvm::all_of(op->getResultTypes(), [](Type t) {
    auto ranked = dyn_cast<RankedTensorType>(t);
    return ranked && ranked.hasStaticShape();
  });
}

LogicalResult refineResultTypes(Operation *op) {
  const onnx::OpSchema *schema = onnxSchema(op);
  // Static results are checked too: a declared type that contradicts ONNX's
  // rules is a broken model, better caught here than at run time.
  if (!schema || op->getNumRegions() != 0 ||
      !schema->has_type_and_shape_inference_function())
    return success();
  OpInferenceContext context(op, *schema);
  try {
    schema->GetTypeAndShapeInferenceFunction()(context);
  } catch (const std::exception &e) {
    return op->emitError() << "ONNX shape inference rejects this "
                           << onnxOpType(op) << ": " << e.what();
  }
  for (auto [i, result] : llvm::enumerate(context.outputs)) {
    if (!result || !context.outputTypes[i].has_tensor_type() ||
        context.outputTypes[i].tensor_type().elem_type() == 0)
      continue;
    Type inferred = typeFromOnnx(op->getContext(), context.outputTypes[i]);
    if (!inferred)
      continue;
    Type merged = mergeTypes(result.getType(), inferred);
    if (!merged)
      return op->emitError()
             << "result " << i << " is declared as " << result.getType()
             << " but ONNX shape inference gives " << inferred;
    result.setType(merged);
  }
  return success();
}

} // namespace nuri
