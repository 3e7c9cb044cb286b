// Deterministic random tensors, so a seed reproduces a run anywhere.
//
// Generator: splitmix64 (Steele, Lea, Flood 2014), state advanced by
// 0x9e3779b97f4a7c15 per draw. Each element takes one draw, in row-major
// order (two for complex: real, then imaginary):
//   float32/float16/bfloat16: (draw >> 40) * 2^-24 * 2 - 1, uniform in
//       [-1, 1) on a 2^-23 grid, then rounded to the 16-bit format
//   float64: (draw >> 11) * 2^-53 * 2 - 1
//   signed ints: (draw >> 60) - 8, in [-8, 7]
//   unsigned ints: draw >> 60, in [0, 15]
//   bool: draw >> 63
// Small integer ranges keep index-like inputs and sums far from overflow.
#ifndef NURI_TOOLS_COMMON_RANDOM_TENSOR_H
#define NURI_TOOLS_COMMON_RANDOM_TENSOR_H

#include "nuri/tensor.h"

#include <cstdint>

namespace nuri::tools {

class SplitMix64 {
public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t next();

private:
  uint64_t state_;
};

// An independent seed for stream `stream` (e.g. input #i) of `seed`.
uint64_t deriveSeed(uint64_t seed, uint64_t stream);

// Fills `view` as described above.
Status fillRandom(const TensorView &view, uint64_t seed);
Result<Tensor> randomTensor(DType dtype, const Shape &shape, uint64_t seed);

} // namespace nuri::tools

#endif // NURI_TOOLS_COMMON_RANDOM_TENSOR_H
