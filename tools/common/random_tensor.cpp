#include "common/random_tensor.h"

#include "nuri/float16.h"

#include <cstring>

namespace nuri::tools {
namespace {

constexpr uint64_t kGamma = 0x9e3779b97f4a7c15ull;

uint64_t mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

float unitFloat(uint64_t draw) {
  return static_cast<float>(draw >> 40) * 0x1.0p-24f * 2.0f - 1.0f;
}

template <typename T> void store(const TensorView &view, int64_t i, T value) {
  std::memcpy(static_cast<char *>(view.data) + i * sizeof(T), &value,
              sizeof(T));
}

} // namespace

uint64_t SplitMix64::next() {
  state_ += kGamma;
  return mix(state_);
}

uint64_t deriveSeed(uint64_t seed, uint64_t stream) {
  return mix(seed ^ mix(stream + kGamma));
}

Status fillRandom(const TensorView &view, uint64_t seed) {
  SplitMix64 rng(seed);
  int64_t n = view.numElements();
  switch (view.dtype) {
  case DType::kComplex64:
    n *= 2;
    [[fallthrough]];
  case DType::kFloat32:
    for (int64_t i = 0; i < n; ++i)
      store<float>(view, i, unitFloat(rng.next()));
    return okStatus();
  case DType::kComplex128:
    n *= 2;
    [[fallthrough]];
  case DType::kFloat64:
    for (int64_t i = 0; i < n; ++i)
      store<double>(view, i,
                    static_cast<double>(rng.next() >> 11) * 0x1.0p-53 * 2.0 -
                        1.0);
    return okStatus();
  case DType::kFloat16:
    for (int64_t i = 0; i < n; ++i)
      store<uint16_t>(view, i, floatToHalf(unitFloat(rng.next())));
    return okStatus();
  case DType::kBFloat16:
    for (int64_t i = 0; i < n; ++i)
      store<uint16_t>(view, i, floatToBFloat16(unitFloat(rng.next())));
    return okStatus();
  case DType::kInt8:
    for (int64_t i = 0; i < n; ++i)
      store<int8_t>(view, i, static_cast<int8_t>((rng.next() >> 60)) - 8);
    return okStatus();
  case DType::kInt16:
    for (int64_t i = 0; i < n; ++i)
      store<int16_t>(view, i, static_cast<int16_t>((rng.next() >> 60)) - 8);
    return okStatus();
  case DType::kInt32:
    for (int64_t i = 0; i < n; ++i)
      store<int32_t>(view, i, static_cast<int32_t>((rng.next() >> 60)) - 8);
    return okStatus();
  case DType::kInt64:
    for (int64_t i = 0; i < n; ++i)
      store<int64_t>(view, i, static_cast<int64_t>((rng.next() >> 60)) - 8);
    return okStatus();
  case DType::kUInt8:
    for (int64_t i = 0; i < n; ++i)
      store<uint8_t>(view, i, static_cast<uint8_t>(rng.next() >> 60));
    return okStatus();
  case DType::kUInt16:
    for (int64_t i = 0; i < n; ++i)
      store<uint16_t>(view, i, static_cast<uint16_t>(rng.next() >> 60));
    return okStatus();
  case DType::kUInt32:
    for (int64_t i = 0; i < n; ++i)
      store<uint32_t>(view, i, static_cast<uint32_t>(rng.next() >> 60));
    return okStatus();
  case DType::kUInt64:
    for (int64_t i = 0; i < n; ++i)
      store<uint64_t>(view, i, rng.next() >> 60);
    return okStatus();
  case DType::kBool:
    for (int64_t i = 0; i < n; ++i)
      store<uint8_t>(view, i, static_cast<uint8_t>(rng.next() >> 63));
    return okStatus();
  case DType::kUndefined:
  case DType::kString:
    break;
  }
  return unimplemented("cannot generate random ", dtypeName(view.dtype),
                       " data");
}

Result<Tensor> randomTensor(DType dtype, const Shape &shape, uint64_t seed) {
  NURI_ASSIGN_OR_RETURN(Tensor tensor, Tensor::allocate(dtype, shape));
  NURI_RETURN_IF_ERROR(fillRandom(tensor.view(), seed));
  return tensor;
}

} // namespace nuri::tools
