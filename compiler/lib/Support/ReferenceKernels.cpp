//===- ReferenceKernels.cpp - nuri ops on the cpu-ref kernels -------------===//

#include "nuri/Support/ReferenceKernels.h"

#include "cpu_ref/kernels/kernel.h"
#include "nuri/Support/OnnxInterop.h"
#include "nuri/Support/OnnxSchema.h"

#include "mlir/IR/BuiltinTypes.h"

#include <onnx/defs/schema.h>

#include <cstring>

using namespace mlir;

namespace nuri {
namespace {

using cpu_ref::Attribute;

Result<Tensor> tensorFromElements(ElementsAttr value) {
  auto type = cast<ShapedType>(value.getType());
  if (!staticTensorBytes(type))
    return unimplemented("constant of unsupported element type");
  DType dtype = *dtypeFromElement(type.getElementType());
  NURI_ASSIGN_OR_RETURN(Tensor t,
                        Tensor::allocate(dtype, Shape(type.getShape().begin(),
                                                      type.getShape().end())));
  std::vector<char> bytes = elementsToBytes(value);
  if (bytes.size() != t.byteSize())
    return internalError("constant holds ", bytes.size(), " bytes, expected ",
                         t.byteSize());
  if (!bytes.empty())
    std::memcpy(t.data(), bytes.data(), bytes.size());
  return t;
}

// Converts one MLIR attribute to the kernels' form, using the schema's
// declared type (which tells an empty INTS from an empty FLOATS).
Result<Attribute> toKernelAttribute(StringRef name, mlir::Attribute value,
                                    onnx::AttributeProto::AttributeType type) {
  using AP = onnx::AttributeProto;
  auto array = dyn_cast<ArrayAttr>(value);
  switch (type) {
  case AP::INT:
    if (auto i = dyn_cast<IntegerAttr>(value))
      return Attribute::ofInt(i.getInt());
    break;
  case AP::FLOAT:
    if (auto f = dyn_cast<FloatAttr>(value))
      return Attribute::ofFloat(static_cast<float>(f.getValueAsDouble()));
    break;
  case AP::STRING:
    if (auto s = dyn_cast<StringAttr>(value))
      return Attribute::ofString(s.str());
    break;
  case AP::INTS:
    if (array) {
      std::vector<int64_t> v;
      for (mlir::Attribute a : array)
        if (auto i = dyn_cast<IntegerAttr>(a))
          v.push_back(i.getInt());
      if (v.size() == array.size())
        return Attribute::ofInts(std::move(v));
    }
    break;
  case AP::FLOATS:
    if (array) {
      std::vector<float> v;
      for (mlir::Attribute a : array)
        if (auto f = dyn_cast<FloatAttr>(a))
          v.push_back(static_cast<float>(f.getValueAsDouble()));
      if (v.size() == array.size())
        return Attribute::ofFloats(std::move(v));
    }
    break;
  case AP::STRINGS:
    if (array) {
      std::vector<std::string> v;
      for (mlir::Attribute a : array)
        if (auto s = dyn_cast<StringAttr>(a))
          v.push_back(s.str());
      if (v.size() == array.size())
        return Attribute::ofStrings(std::move(v));
    }
    break;
  case AP::TENSOR:
    if (auto e = dyn_cast<ElementsAttr>(value)) {
      NURI_ASSIGN_OR_RETURN(Tensor t, tensorFromElements(e));
      return Attribute::ofTensor(std::move(t));
    }
    break;
  default:
    break;
  }
  return unimplemented("attribute '", name.str(), "' of type ",
                       AP::AttributeType_Name(type),
                       " cannot be passed to a kernel");
}

// The schema default of an absent attribute as an MLIR-free kernel value.
std::optional<Attribute> schemaDefault(const onnx::AttributeProto &d) {
  using AP = onnx::AttributeProto;
  if (d.name().empty())
    return std::nullopt;
  switch (d.type()) {
  case AP::INT:
    return Attribute::ofInt(d.i());
  case AP::FLOAT:
    return Attribute::ofFloat(d.f());
  case AP::STRING:
    return Attribute::ofString(d.s());
  case AP::INTS:
    return Attribute::ofInts({d.ints().begin(), d.ints().end()});
  case AP::FLOATS:
    return Attribute::ofFloats({d.floats().begin(), d.floats().end()});
  case AP::STRINGS:
    return Attribute::ofStrings({d.strings().begin(), d.strings().end()});
  default:
    return std::nullopt;
  }
}

} // namespace

Result<cpu_ref::AttributeMap> kernelAttributes(Operation *op) {
  const onnx::OpSchema *schema = onnxSchema(op);
  if (!schema)
    return invalidArgument(describeNode(op), " has no ONNX schema");
  cpu_ref::AttributeMap map;
  for (const auto &[name, formal] : schema->attributes()) {
    mlir::Attribute value = op->getAttr(odsName(name));
    if (!value) {
      if (std::optional<Attribute> d = schemaDefault(formal.default_value))
        map.set(name, std::move(*d));
      continue;
    }
    Result<Attribute> converted = toKernelAttribute(
        name, value,
        static_cast<onnx::AttributeProto::AttributeType>(formal.type));
    if (!converted.ok())
      return converted.status();
    map.set(name, std::move(converted).value());
  }
  return map;
}

bool hasReferenceKernel(Operation *op) {
  StringRef type = onnxOpType(op);
  return !type.empty() && cpu_ref::findKernel(type) != nullptr;
}

Result<SmallVector<DenseElementsAttr>>
evaluateWithReferenceKernel(Operation *op, ArrayRef<ElementsAttr> inputs) {
  NURI_ASSIGN_OR_RETURN(cpu_ref::AttributeMap attrs, kernelAttributes(op));
  std::string type = onnxOpType(op).str();
  std::string name = nodeName(op);
  if (name.empty())
    name = "unnamed";

  std::vector<Tensor> inputTensors(inputs.size());
  std::vector<TensorView> inputViews(inputs.size());
  cpu_ref::KernelContext ctx;
  ctx.opType = type;
  ctx.nodeName = name;
  ctx.attrs = &attrs;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (!inputs[i]) {
      ctx.inputs.push_back(nullptr);
      continue;
    }
    NURI_ASSIGN_OR_RETURN(inputTensors[i], tensorFromElements(inputs[i]));
    inputViews[i] = inputTensors[i].view();
    ctx.inputs.push_back(&inputViews[i]);
  }

  SmallVector<Value> outputs = onnxOutputs(op);
  std::vector<Tensor> outputTensors(outputs.size());
  std::vector<TensorView> outputViews(outputs.size());
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (!outputs[i]) {
      ctx.outputs.push_back(nullptr);
      continue;
    }
    auto type = cast<ShapedType>(outputs[i].getType());
    std::optional<DType> dtype = dtypeFromElement(type.getElementType());
    if (!dtype)
      return unimplemented("result of unsupported element type");
    outputViews[i].dtype = *dtype;
    ctx.outputs.push_back(&outputViews[i]);
    // A result whose shape depends on the data is sized by the kernel
    // (through ctx.allocate below).
    if (!type.hasStaticShape())
      continue;
    NURI_ASSIGN_OR_RETURN(
        outputTensors[i],
        Tensor::allocate(
            *dtype, Shape(type.getShape().begin(), type.getShape().end())));
    outputViews[i] = outputTensors[i].view();
  }
  ctx.allocate = [&](size_t index, DType dtype,
                     const Shape &shape) -> Result<TensorView *> {
    if (index >= outputTensors.size())
      return internalError("output ", index, " does not exist");
    NURI_ASSIGN_OR_RETURN(outputTensors[index], Tensor::allocate(dtype, shape));
    outputViews[index] = outputTensors[index].view();
    return &outputViews[index];
  };

  NURI_RETURN_IF_ERROR(cpu_ref::runKernel(ctx));

  SmallVector<DenseElementsAttr> results;
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (!outputs[i]) {
      results.push_back(nullptr);
      continue;
    }
    const Tensor &t = outputTensors[i];
    if (!t.data() && t.numElements() != 0)
      return internalError("the kernel left output ", i, " unwritten");
    auto element = cast<ShapedType>(outputs[i].getType()).getElementType();
    auto type = RankedTensorType::get(
        SmallVector<int64_t>(t.shape().begin(), t.shape().end()), element);
    results.push_back(elementsFromBytes(
        type,
        ArrayRef<char>(static_cast<const char *>(t.data()), t.byteSize())));
  }
  return results;
}

bool computesOutputShapes(Operation *op) {
  StringRef type = onnxOpType(op);
  return !type.empty() && cpu_ref::kernelComputesOutputShapes(type);
}

} // namespace nuri
