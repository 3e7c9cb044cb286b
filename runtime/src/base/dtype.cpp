#include "nuri/dtype.h"

#include <array>

namespace nuri {
namespace {

struct DTypeInfo {
  DType type;
  size_t size;
  std::string_view name;
};

constexpr std::array<DTypeInfo, 17> kInfos = {{
    {DType::kUndefined, 0, "undefined"},
    {DType::kFloat32, 4, "float32"},
    {DType::kUInt8, 1, "uint8"},
    {DType::kInt8, 1, "int8"},
    {DType::kUInt16, 2, "uint16"},
    {DType::kInt16, 2, "int16"},
    {DType::kInt32, 4, "int32"},
    {DType::kInt64, 8, "int64"},
    {DType::kString, 0, "string"},
    {DType::kBool, 1, "bool"},
    {DType::kFloat16, 2, "float16"},
    {DType::kFloat64, 8, "float64"},
    {DType::kUInt32, 4, "uint32"},
    {DType::kUInt64, 8, "uint64"},
    {DType::kComplex64, 8, "complex64"},
    {DType::kComplex128, 16, "complex128"},
    {DType::kBFloat16, 2, "bfloat16"},
}};

const DTypeInfo &info(DType type) {
  auto index = static_cast<size_t>(type);
  return index < kInfos.size() ? kInfos[index] : kInfos[0];
}

} // namespace

size_t dtypeSize(DType type) { return info(type).size; }

std::string_view dtypeName(DType type) { return info(type).name; }

bool isKnownDType(uint32_t raw) { return raw < kInfos.size(); }

std::optional<DType> parseDType(std::string_view name) {
  for (const DTypeInfo &i : kInfos)
    if (i.name == name && i.type != DType::kUndefined)
      return i.type;
  // ONNX and C spellings.
  if (name == "float" || name == "f32")
    return DType::kFloat32;
  if (name == "double" || name == "f64")
    return DType::kFloat64;
  if (name == "half" || name == "f16")
    return DType::kFloat16;
  if (name == "bf16")
    return DType::kBFloat16;
  return std::nullopt;
}

bool isFloatingPoint(DType type) {
  return type == DType::kFloat32 || type == DType::kFloat64 ||
         type == DType::kFloat16 || type == DType::kBFloat16;
}

bool isSignedInteger(DType type) {
  return type == DType::kInt8 || type == DType::kInt16 ||
         type == DType::kInt32 || type == DType::kInt64;
}

bool isInteger(DType type) {
  return isSignedInteger(type) || type == DType::kUInt8 ||
         type == DType::kUInt16 || type == DType::kUInt32 ||
         type == DType::kUInt64;
}

} // namespace nuri
