// Element types of tensors. The numbering follows ONNX's
// TensorProto.DataType so that conversion from ONNX is the identity, and the
// artifact schema (runtime/schema/artifact.fbs) uses the same values.
#ifndef NURI_DTYPE_H
#define NURI_DTYPE_H

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace nuri {

enum class DType : uint8_t {
  kUndefined = 0,
  kFloat32 = 1,
  kUInt8 = 2,
  kInt8 = 3,
  kUInt16 = 4,
  kInt16 = 5,
  kInt32 = 6,
  kInt64 = 7,
  kString = 8,
  kBool = 9,
  kFloat16 = 10,
  kFloat64 = 11,
  kUInt32 = 12,
  kUInt64 = 13,
  kComplex64 = 14,
  kComplex128 = 15,
  kBFloat16 = 16,
};

// Bytes per element; 0 for kUndefined and kString (not stored densely).
size_t dtypeSize(DType type);
// "float32", "int64", "bool", ... (numpy's names, "bfloat16" for kBFloat16).
std::string_view dtypeName(DType type);
// Accepts dtypeName() spellings and ONNX's ("float", "double", "float16").
std::optional<DType> parseDType(std::string_view name);
// True for a DType value the enum names (used when reading untrusted data).
bool isKnownDType(uint32_t raw);

bool isFloatingPoint(DType type); // f16, bf16, f32, f64
bool isInteger(DType type);       // signed and unsigned integers (not bool)
bool isSignedInteger(DType type);

} // namespace nuri

#endif // NURI_DTYPE_H
