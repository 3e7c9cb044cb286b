// DType dispatch, written once: visitDType calls a generic lambda with a
// TypeTag of the C++ element type, instantiating it only for the dtypes the
// op allows; any other dtype is an "unsupported dtype" error naming the op.
#ifndef NURI_CPU_REF_KERNELS_DISPATCH_H
#define NURI_CPU_REF_KERNELS_DISPATCH_H

#include "cpu_ref/kernels/element_types.h"
#include "cpu_ref/kernels/kernel.h"

namespace nuri::cpu_ref {

template <typename T> struct TypeTag { using type = T; };

// Sets of dtypes, as bit masks for visitDType.
namespace types {
inline constexpr unsigned kF32 = 1u << 0;
inline constexpr unsigned kF64 = 1u << 1;
inline constexpr unsigned kF16 = 1u << 2;
inline constexpr unsigned kBF16 = 1u << 3;
inline constexpr unsigned kI8 = 1u << 4;
inline constexpr unsigned kI16 = 1u << 5;
inline constexpr unsigned kI32 = 1u << 6;
inline constexpr unsigned kI64 = 1u << 7;
inline constexpr unsigned kU8 = 1u << 8;
inline constexpr unsigned kU16 = 1u << 9;
inline constexpr unsigned kU32 = 1u << 10;
inline constexpr unsigned kU64 = 1u << 11;
inline constexpr unsigned kBool = 1u << 12;

inline constexpr unsigned kFloat = kF32 | kF64 | kF16 | kBF16;
// The three IEEE types older ops (opset <= 12) allow.
inline constexpr unsigned kFloatNoBF16 = kF32 | kF64 | kF16;
inline constexpr unsigned kSigned = kI8 | kI16 | kI32 | kI64;
inline constexpr unsigned kUnsigned = kU8 | kU16 | kU32 | kU64;
inline constexpr unsigned kInt = kSigned | kUnsigned;
inline constexpr unsigned kNumeric = kFloat | kInt;
inline constexpr unsigned kAll = kNumeric | kBool;
} // namespace types

template <unsigned Allowed, typename T, typename Fn>
Status visitIfAllowed(unsigned bit, const KernelContext &ctx, DType dtype,
                      Fn &fn) {
  if constexpr (Allowed != 0) {
    if ((Allowed & bit) != 0)
      return fn(TypeTag<T>{});
  }
  return ctx.unsupported("dtype ", dtypeName(dtype));
}

// Calls fn(TypeTag<T>{}) for the element type T of `dtype` when it is in
// `Allowed`; returns fn's Status.
template <unsigned Allowed, typename Fn>
Status visitDType(const KernelContext &ctx, DType dtype, Fn &&fn) {
  using namespace types;
  switch (dtype) {
  case DType::kFloat32:
    return visitIfAllowed<Allowed & kF32, float>(kF32, ctx, dtype, fn);
  case DType::kFloat64:
    return visitIfAllowed<Allowed & kF64, double>(kF64, ctx, dtype, fn);
  case DType::kFloat16:
    return visitIfAllowed<Allowed & kF16, Float16>(kF16, ctx, dtype, fn);
  case DType::kBFloat16:
    return visitIfAllowed<Allowed & kBF16, BFloat16>(kBF16, ctx, dtype, fn);
  case DType::kInt8:
    return visitIfAllowed<Allowed & kI8, int8_t>(kI8, ctx, dtype, fn);
  case DType::kInt16:
    return visitIfAllowed<Allowed & kI16, int16_t>(kI16, ctx, dtype, fn);
  case DType::kInt32:
    return visitIfAllowed<Allowed & kI32, int32_t>(kI32, ctx, dtype, fn);
  case DType::kInt64:
    return visitIfAllowed<Allowed & kI64, int64_t>(kI64, ctx, dtype, fn);
  case DType::kUInt8:
    return visitIfAllowed<Allowed & kU8, uint8_t>(kU8, ctx, dtype, fn);
  case DType::kUInt16:
    return visitIfAllowed<Allowed & kU16, uint16_t>(kU16, ctx, dtype, fn);
  case DType::kUInt32:
    return visitIfAllowed<Allowed & kU32, uint32_t>(kU32, ctx, dtype, fn);
  case DType::kUInt64:
    return visitIfAllowed<Allowed & kU64, uint64_t>(kU64, ctx, dtype, fn);
  case DType::kBool:
    return visitIfAllowed<Allowed & kBool, bool>(kBool, ctx, dtype, fn);
  default:
    return ctx.unsupported("dtype ", dtypeName(dtype));
  }
}

// For ops that only move elements: calls fn(TypeTag<U>{}) with an unsigned
// integer type of the element's size, so one instantiation serves every
// dtype of that size.
template <typename Fn>
Status visitBySize(const KernelContext &ctx, DType dtype, Fn &&fn) {
  switch (dtypeSize(dtype)) {
  case 1:
    return fn(TypeTag<uint8_t>{});
  case 2:
    return fn(TypeTag<uint16_t>{});
  case 4:
    return fn(TypeTag<uint32_t>{});
  case 8:
    return fn(TypeTag<uint64_t>{});
  default:
    return ctx.unsupported("dtype ", dtypeName(dtype));
  }
}

} // namespace nuri::cpu_ref

#endif // NURI_CPU_REF_KERNELS_DISPATCH_H
