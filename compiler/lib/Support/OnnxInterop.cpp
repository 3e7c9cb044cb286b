//===- OnnxInterop.cpp - ONNX protobuf <-> MLIR conversions ---------------===//

#include "nuri/Support/OnnxInterop.h"

#include "nuri/Dialect/Nuri/IR/NuriOps.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <cstring>

using namespace mlir;

namespace nuri {

Type elementTypeFromOnnx(MLIRContext *context, int32_t onnxType) {
  Builder b(context);
  switch (onnxType) {
  case onnx::TensorProto::FLOAT:
    return b.getF32Type();
  case onnx::TensorProto::DOUBLE:
    return b.getF64Type();
  case onnx::TensorProto::FLOAT16:
    return b.getF16Type();
  case onnx::TensorProto::BFLOAT16:
    return b.getBF16Type();
  case onnx::TensorProto::INT8:
    return b.getIntegerType(8);
  case onnx::TensorProto::INT16:
    return b.getIntegerType(16);
  case onnx::TensorProto::INT32:
    return b.getIntegerType(32);
  case onnx::TensorProto::INT64:
    return b.getIntegerType(64);
  case onnx::TensorProto::UINT8:
    return b.getIntegerType(8, /*isSigned=*/false);
  case onnx::TensorProto::UINT16:
    return b.getIntegerType(16, false);
  case onnx::TensorProto::UINT32:
    return b.getIntegerType(32, false);
  case onnx::TensorProto::UINT64:
    return b.getIntegerType(64, false);
  case onnx::TensorProto::BOOL:
    return b.getI1Type();
  case onnx::TensorProto::COMPLEX64:
    return ComplexType::get(b.getF32Type());
  case onnx::TensorProto::COMPLEX128:
    return ComplexType::get(b.getF64Type());
  case onnx::TensorProto::STRING:
    return StringType::get(context);
  default:
    return nullptr;
  }
}

int32_t onnxTypeFromElement(Type t) {
  if (t.isF32())
    return onnx::TensorProto::FLOAT;
  if (t.isF64())
    return onnx::TensorProto::DOUBLE;
  if (t.isF16())
    return onnx::TensorProto::FLOAT16;
  if (t.isBF16())
    return onnx::TensorProto::BFLOAT16;
  if (auto i = dyn_cast<IntegerType>(t)) {
    bool isUnsigned = i.isUnsigned();
    switch (i.getWidth()) {
    case 1:
      return onnx::TensorProto::BOOL;
    case 8:
      return isUnsigned ? onnx::TensorProto::UINT8 : onnx::TensorProto::INT8;
    case 16:
      return isUnsigned ? onnx::TensorProto::UINT16 : onnx::TensorProto::INT16;
    case 32:
      return isUnsigned ? onnx::TensorProto::UINT32 : onnx::TensorProto::INT32;
    case 64:
      return isUnsigned ? onnx::TensorProto::UINT64 : onnx::TensorProto::INT64;
    default:
      return onnx::TensorProto::UNDEFINED;
    }
  }
  if (auto c = dyn_cast<ComplexType>(t)) {
    if (c.getElementType().isF32())
      return onnx::TensorProto::COMPLEX64;
    if (c.getElementType().isF64())
      return onnx::TensorProto::COMPLEX128;
  }
  if (isa<StringType>(t))
    return onnx::TensorProto::STRING;
  return onnx::TensorProto::UNDEFINED;
}

std::optional<DType> dtypeFromElement(Type t) {
  int32_t onnxType = onnxTypeFromElement(t);
  if (onnxType == onnx::TensorProto::UNDEFINED)
    return std::nullopt;
  return static_cast<DType>(onnxType);
}

Type typeFromOnnx(MLIRContext *context, const onnx::TypeProto &type) {
  if (!type.has_tensor_type())
    return nullptr;
  const auto &tensor = type.tensor_type();
  Type element = elementTypeFromOnnx(context, tensor.elem_type());
  if (!element)
    return nullptr;
  if (!tensor.has_shape())
    return UnrankedTensorType::get(element);
  SmallVector<int64_t> dims;
  for (const auto &dim : tensor.shape().dim())
    dims.push_back(dim.has_dim_value() && dim.dim_value() >= 0
                       ? dim.dim_value()
                       : ShapedType::kDynamic);
  return RankedTensorType::get(dims, element);
}

void typeToOnnx(Type type, onnx::TypeProto &out) {
  auto shaped = cast<ShapedType>(type);
  auto *tensor = out.mutable_tensor_type();
  tensor->set_elem_type(onnxTypeFromElement(shaped.getElementType()));
  if (!shaped.hasRank())
    return;
  auto *shape = tensor->mutable_shape();
  shape->Clear();
  for (int64_t d : shaped.getShape()) {
    auto *dim = shape->add_dim();
    if (!ShapedType::isDynamic(d))
      dim->set_dim_value(d);
  }
}

namespace {

// Bytes per element of the runtime layout; 0 if not a dense numeric type.
size_t elementBytes(Type t) {
  std::optional<DType> dtype = dtypeFromElement(t);
  return dtype ? dtypeSize(*dtype) : 0;
}

// Appends each value of a repeated field converted to T as raw bytes.
template <typename T, typename Field>
void appendAs(const Field &field, std::vector<char> &out) {
  for (auto v : field) {
    T converted = static_cast<T>(v);
    const char *p = reinterpret_cast<const char *>(&converted);
    out.insert(out.end(), p, p + sizeof(T));
  }
}

} // namespace

std::optional<int64_t> staticTensorBytes(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return std::nullopt;
  size_t width = elementBytes(tensor.getElementType());
  if (width == 0)
    return std::nullopt;
  return tensor.getNumElements() * static_cast<int64_t>(width);
}

LogicalResult readExternalData(const onnx::TensorProto &tensor,
                               StringRef baseDir, std::vector<char> &out,
                               std::string &error) {
  std::string location;
  uint64_t offset = 0;
  std::optional<uint64_t> length;
  for (const auto &entry : tensor.external_data()) {
    if (entry.key() == "location")
      location = entry.value();
    else if (entry.key() == "offset")
      offset = std::strtoull(entry.value().c_str(), nullptr, 10);
    else if (entry.key() == "length")
      length = std::strtoull(entry.value().c_str(), nullptr, 10);
  }
  if (location.empty()) {
    error = "external data of tensor '" + tensor.name() + "' has no location";
    return failure();
  }
  if (llvm::sys::path::is_absolute(location) ||
      StringRef(location).contains("..")) {
    error = "external data location '" + location + "' of tensor '" +
            tensor.name() +
            "' must be a relative path inside the model's "
            "directory";
    return failure();
  }
  SmallString<256> path(baseDir);
  llvm::sys::path::append(path, location);
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    error = "cannot read external data file '" + std::string(path) +
            "' of tensor '" + tensor.name() +
            "': " + buffer.getError().message();
    return failure();
  }
  uint64_t fileSize = (*buffer)->getBufferSize();
  uint64_t size = length.value_or(offset <= fileSize ? fileSize - offset : 0);
  if (offset > fileSize || size > fileSize - offset) {
    error = "external data of tensor '" + tensor.name() + "' (offset " +
            std::to_string(offset) + ", length " + std::to_string(size) +
            ") lies outside '" + std::string(path) + "' (" +
            std::to_string(fileSize) + " bytes)";
    return failure();
  }
  const char *start = (*buffer)->getBufferStart() + offset;
  out.assign(start, start + size);
  return success();
}

FailureOr<DenseElementsAttr> tensorFromOnnx(MLIRContext *context,
                                            const onnx::TensorProto &tensor,
                                            StringRef baseDir,
                                            std::string &error) {
  std::string what = "tensor '" + tensor.name() + "'";
  Type element = elementTypeFromOnnx(context, tensor.data_type());
  size_t width = element ? elementBytes(element) : 0;
  if (!element || width == 0 || isa<ComplexType>(element)) {
    error = what + " has unsupported data type " +
            std::to_string(tensor.data_type());
    return failure();
  }
  SmallVector<int64_t> dims;
  uint64_t count = 1;
  for (int64_t d : tensor.dims()) {
    if (d < 0) {
      error = what + " has a negative dimension";
      return failure();
    }
    dims.push_back(d);
    if (d != 0 && count > (uint64_t(1) << 40) / static_cast<uint64_t>(d)) {
      error = what + " is too large";
      return failure();
    }
    count *= static_cast<uint64_t>(d);
  }
  auto type = RankedTensorType::get(dims, element);

  std::vector<char> bytes;
  using TP = onnx::TensorProto;
  if (tensor.data_location() == TP::EXTERNAL) {
    if (failed(readExternalData(tensor, baseDir, bytes, error)))
      return failure();
  } else if (tensor.has_raw_data()) {
    bytes.assign(tensor.raw_data().begin(), tensor.raw_data().end());
  } else {
    switch (tensor.data_type()) {
    case TP::FLOAT:
      appendAs<float>(tensor.float_data(), bytes);
      break;
    case TP::DOUBLE:
      appendAs<double>(tensor.double_data(), bytes);
      break;
    case TP::INT64:
      appendAs<int64_t>(tensor.int64_data(), bytes);
      break;
    case TP::UINT32:
      appendAs<uint32_t>(tensor.uint64_data(), bytes);
      break;
    case TP::UINT64:
      appendAs<uint64_t>(tensor.uint64_data(), bytes);
      break;
    case TP::INT32:
      appendAs<int32_t>(tensor.int32_data(), bytes);
      break;
    case TP::INT16:
      appendAs<int16_t>(tensor.int32_data(), bytes);
      break;
    case TP::INT8:
      appendAs<int8_t>(tensor.int32_data(), bytes);
      break;
    case TP::UINT16:
    case TP::FLOAT16:
    case TP::BFLOAT16: // int32_data holds the 16-bit patterns
      appendAs<uint16_t>(tensor.int32_data(), bytes);
      break;
    case TP::UINT8:
    case TP::BOOL:
      appendAs<uint8_t>(tensor.int32_data(), bytes);
      break;
    default:
      error = what + " has unsupported data type " +
              std::to_string(tensor.data_type());
      return failure();
    }
  }
  if (bytes.size() != count * width) {
    error = what + " holds " + std::to_string(bytes.size()) +
            " bytes of data but its shape and type need " +
            std::to_string(count * width);
    return failure();
  }
  return elementsFromBytes(type, bytes);
}

std::vector<char> elementsToBytes(ElementsAttr value) {
  auto dense = dyn_cast<DenseElementsAttr>(value);
  assert(dense && "Nuri constants are DenseElementsAttr");
  int64_t count = dense.getNumElements();
  std::vector<char> out;
  if (dense.getElementType().isInteger(1)) {
    out.reserve(count);
    for (bool b : dense.getValues<bool>())
      out.push_back(b ? 1 : 0);
    return out;
  }
  ArrayRef<char> raw = dense.getRawData();
  if (!dense.isSplat())
    return std::vector<char>(raw.begin(), raw.end());
  out.reserve(raw.size() * count);
  for (int64_t i = 0; i < count; ++i)
    out.insert(out.end(), raw.begin(), raw.end());
  return out;
}

DenseElementsAttr elementsFromBytes(ShapedType type, ArrayRef<char> bytes) {
  if (type.getElementType().isInteger(1)) {
    SmallVector<bool> bits;
    bits.reserve(bytes.size());
    for (char c : bytes)
      bits.push_back(c != 0);
    return DenseElementsAttr::get(type, bits);
  }
  return DenseElementsAttr::getFromRawBuffer(type, bytes);
}

void tensorToOnnx(ElementsAttr value, onnx::TensorProto &out) {
  auto type = cast<ShapedType>(value.getType());
  out.set_data_type(onnxTypeFromElement(type.getElementType()));
  out.clear_dims();
  for (int64_t d : type.getShape())
    out.add_dims(d);
  std::vector<char> bytes = elementsToBytes(value);
  out.set_raw_data(bytes.data(), bytes.size());
}

FailureOr<Attribute> attributeFromOnnx(Builder &b,
                                       const onnx::AttributeProto &attr,
                                       std::string &error) {
  using AP = onnx::AttributeProto;
  switch (attr.type()) {
  case AP::INT:
    return Attribute(b.getI64IntegerAttr(attr.i()));
  case AP::FLOAT:
    return Attribute(b.getF32FloatAttr(attr.f()));
  case AP::STRING:
    return Attribute(b.getStringAttr(attr.s()));
  case AP::INTS:
    return Attribute(b.getI64ArrayAttr(
        SmallVector<int64_t>(attr.ints().begin(), attr.ints().end())));
  case AP::FLOATS:
    return Attribute(b.getF32ArrayAttr(
        SmallVector<float>(attr.floats().begin(), attr.floats().end())));
  case AP::STRINGS: {
    SmallVector<StringRef> strings(attr.strings().begin(),
                                   attr.strings().end());
    return Attribute(b.getStrArrayAttr(strings));
  }
  case AP::TENSOR: {
    auto tensor = tensorFromOnnx(b.getContext(), attr.t(), "", error);
    if (failed(tensor))
      return failure();
    return Attribute(*tensor);
  }
  default:
    error = "attribute '" + attr.name() + "' has unsupported type " +
            AP::AttributeType_Name(attr.type());
    return failure();
  }
}

bool attributeToOnnx(StringRef name, Attribute value,
                     onnx::AttributeProto::AttributeType type,
                     onnx::AttributeProto &out) {
  using AP = onnx::AttributeProto;
  out.set_name(name.str());
  out.set_type(type);
  auto array = dyn_cast<ArrayAttr>(value);
  switch (type) {
  case AP::INT:
    if (auto i = dyn_cast<IntegerAttr>(value)) {
      out.set_i(i.getInt());
      return true;
    }
    return false;
  case AP::FLOAT:
    if (auto f = dyn_cast<FloatAttr>(value)) {
      out.set_f(static_cast<float>(f.getValueAsDouble()));
      return true;
    }
    return false;
  case AP::STRING:
    if (auto s = dyn_cast<StringAttr>(value)) {
      out.set_s(s.str());
      return true;
    }
    return false;
  case AP::INTS:
    if (!array)
      return false;
    for (Attribute a : array) {
      auto i = dyn_cast<IntegerAttr>(a);
      if (!i)
        return false;
      out.add_ints(i.getInt());
    }
    return true;
  case AP::FLOATS:
    if (!array)
      return false;
    for (Attribute a : array) {
      auto f = dyn_cast<FloatAttr>(a);
      if (!f)
        return false;
      out.add_floats(static_cast<float>(f.getValueAsDouble()));
    }
    return true;
  case AP::STRINGS:
    if (!array)
      return false;
    for (Attribute a : array) {
      auto s = dyn_cast<StringAttr>(a);
      if (!s)
        return false;
      out.add_strings(s.str());
    }
    return true;
  case AP::TENSOR:
    if (auto e = dyn_cast<DenseElementsAttr>(value)) {
      tensorToOnnx(e, *out.mutable_t());
      return true;
    }
    return false;
  default:
    return false;
  }
}

} // namespace nuri
