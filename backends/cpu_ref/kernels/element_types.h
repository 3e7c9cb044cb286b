// The C++ element type behind each DType, the type kernels compute in, and
// ONNX's conversion rules between element types.
#ifndef NURI_CPU_REF_KERNELS_ELEMENT_TYPES_H
#define NURI_CPU_REF_KERNELS_ELEMENT_TYPES_H

#include "nuri/dtype.h"
#include "nuri/float16.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace nuri::cpu_ref {

// 16-bit floats are stored as bit patterns; the wrappers keep them distinct
// from uint16_t in templates.
struct Float16 {
  uint16_t bits;
};
struct BFloat16 {
  uint16_t bits;
};

static_assert(sizeof(bool) == 1, "ONNX bool tensors are one byte per element");

template <typename T> struct DTypeOfImpl;
#define NURI_DTYPE_OF(TYPE, ENUM)                                              \
  template <> struct DTypeOfImpl<TYPE> {                                       \
    static constexpr DType value = DType::ENUM;                                \
  };
NURI_DTYPE_OF(float, kFloat32)
NURI_DTYPE_OF(double, kFloat64)
NURI_DTYPE_OF(Float16, kFloat16)
NURI_DTYPE_OF(BFloat16, kBFloat16)
NURI_DTYPE_OF(int8_t, kInt8)
NURI_DTYPE_OF(int16_t, kInt16)
NURI_DTYPE_OF(int32_t, kInt32)
NURI_DTYPE_OF(int64_t, kInt64)
NURI_DTYPE_OF(uint8_t, kUInt8)
NURI_DTYPE_OF(uint16_t, kUInt16)
NURI_DTYPE_OF(uint32_t, kUInt32)
NURI_DTYPE_OF(uint64_t, kUInt64)
NURI_DTYPE_OF(bool, kBool)
#undef NURI_DTYPE_OF
// The DType whose elements are stored as T.
template <typename T> inline constexpr DType kDTypeOf = DTypeOfImpl<T>::value;

template <typename T>
inline constexpr bool kIsHalfLike =
    std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>;
// True for every floating-point element type, 16-bit ones included.
template <typename T>
inline constexpr bool kIsFloat = std::is_floating_point_v<T> || kIsHalfLike<T>;

// Compute<T>: the type arithmetic on T happens in. 16-bit floats compute in
// float and round back per element; every other type computes in itself.
template <typename T> struct ComputeImpl { using type = T; };
template <> struct ComputeImpl<Float16> { using type = float; };
template <> struct ComputeImpl<BFloat16> { using type = float; };
template <typename T> using Compute = typename ComputeImpl<T>::type;

template <typename T> Compute<T> load(T v) {
  if constexpr (std::is_same_v<T, Float16>)
    return halfToFloat(v.bits);
  else if constexpr (std::is_same_v<T, BFloat16>)
    return bfloat16ToFloat(v.bits);
  else
    return v;
}

// Rounds a double to float so that a second rounding (to a 16-bit float)
// gives the same result as rounding the double directly: truncate, then set
// the last bit when inexact ("round to odd").
inline float toFloatRoundToOdd(double d) {
  float f = static_cast<float>(d);
  if (std::isnan(d) || static_cast<double>(f) == d)
    return f;
  if (std::fabs(static_cast<double>(f)) > std::fabs(d))
    f = std::nextafter(f, 0.0f);
  return bitsToFloat(floatBits(f) | 1u);
}

// Float (or double) to an integer type: truncates toward zero. ONNX leaves
// out-of-range values undefined; here NaN becomes 0 and the rest saturate.
template <typename I, typename F> I floatToInt(F v) {
  if (std::isnan(v))
    return 0;
  F t = std::trunc(v);
  if (t <= static_cast<F>(std::numeric_limits<I>::lowest()))
    return std::numeric_limits<I>::lowest();
  if (t >= static_cast<F>(std::numeric_limits<I>::max()))
    return std::numeric_limits<I>::max();
  return static_cast<I>(t);
}

// ONNX Cast semantics from any element (or compute) type to any element
// type: float -> int truncates, x -> bool is x != 0, int -> int wraps, and
// 16-bit floats round to nearest even from the exact source value.
template <typename To, typename From> To convertElement(From v) {
  if constexpr (std::is_same_v<To, From>) {
    return v;
  } else if constexpr (kIsHalfLike<From>) {
    return convertElement<To>(load(v));
  } else if constexpr (std::is_same_v<To, bool>) {
    return v != From(0);
  } else if constexpr (kIsHalfLike<To>) {
    float f = std::is_same_v<From, float>
                  ? static_cast<float>(v)
                  : toFloatRoundToOdd(static_cast<double>(v));
    if constexpr (std::is_same_v<To, Float16>)
      return Float16{floatToHalf(f)};
    else
      return BFloat16{floatToBFloat16(f)};
  } else if constexpr (std::is_integral_v<To> &&
                       std::is_floating_point_v<From>) {
    return floatToInt<To>(v);
  } else {
    return static_cast<To>(v);
  }
}

// Stores a computed value as T (rounding for 16-bit floats).
template <typename T, typename V> T store(V v) {
  if constexpr (std::is_same_v<T, Float16>)
    return Float16{floatToHalf(static_cast<float>(v))};
  else if constexpr (std::is_same_v<T, BFloat16>)
    return BFloat16{floatToBFloat16(static_cast<float>(v))};
  else
    return static_cast<T>(v);
}

// Integer arithmetic that wraps around like two's complement hardware (and
// numpy) instead of overflowing into undefined behaviour; plain arithmetic
// for floats.
template <typename T>
using WrapType = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned,
                                    std::make_unsigned_t<T>>;
template <typename T> T wrapAdd(T a, T b) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
    return static_cast<T>(static_cast<WrapType<T>>(a) +
                          static_cast<WrapType<T>>(b));
  else
    return a + b;
}
template <typename T> T wrapSub(T a, T b) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
    return static_cast<T>(static_cast<WrapType<T>>(a) -
                          static_cast<WrapType<T>>(b));
  else
    return a - b;
}
template <typename T> T wrapMul(T a, T b) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
    return static_cast<T>(static_cast<WrapType<T>>(a) *
                          static_cast<WrapType<T>>(b));
  else
    return a * b;
}
template <typename T> T wrapNeg(T a) { return wrapSub(T(0), a); }

// NaN-aware helpers (false for non-float types).
template <typename T> bool isNan(T v) {
  if constexpr (std::is_floating_point_v<T>)
    return std::isnan(v);
  else
    return false;
}
// max/min that return NaN when either argument is NaN (ONNX Max/Min).
template <typename T> T maxOrNan(T a, T b) {
  if (isNan(a))
    return a;
  return isNan(b) || b > a ? b : a;
}
template <typename T> T minOrNan(T a, T b) {
  if (isNan(a))
    return a;
  return isNan(b) || b < a ? b : a;
}

} // namespace nuri::cpu_ref

#endif // NURI_CPU_REF_KERNELS_ELEMENT_TYPES_H
