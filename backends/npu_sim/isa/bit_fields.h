// Bit-field access over the (up to four) 128-bit words of one instruction.
// Internal to the ISA library.
#ifndef NURI_NPU_ISA_BIT_FIELDS_H
#define NURI_NPU_ISA_BIT_FIELDS_H

#include "npu_sim/isa/encoding.h"

#include <array>
#include <cstdint>

namespace nuri::npu::detail {

// Bit i of an instruction is bit i % 64 of half i / 64 (lo, hi, lo, hi...).
class InstructionBits {
public:
  static constexpr unsigned kMaxWords = 4;

  InstructionBits() = default;
  explicit InstructionBits(std::span<const Word> words) {
    for (size_t w = 0; w < words.size() && w < kMaxWords; ++w) {
      halves_[2 * w] = words[w].lo;
      halves_[2 * w + 1] = words[w].hi;
    }
  }

  // Fields never cross a 64-bit half (the layouts in encoding.cpp keep
  // them inside one), so one shift and mask suffice.
  uint64_t get(unsigned offset, unsigned width) const {
    uint64_t half = halves_[offset / 64];
    return (half >> (offset % 64)) & mask(width);
  }
  int64_t getSigned(unsigned offset, unsigned width) const {
    uint64_t raw = get(offset, width);
    uint64_t sign = uint64_t{1} << (width - 1);
    return static_cast<int64_t>((raw ^ sign) - sign);
  }
  void put(unsigned offset, unsigned width, uint64_t value) {
    halves_[offset / 64] |= (value & mask(width)) << (offset % 64);
  }
  void putSigned(unsigned offset, unsigned width, int64_t value) {
    put(offset, width, static_cast<uint64_t>(value));
  }

  Word word(unsigned index) const {
    return {halves_[2 * index], halves_[2 * index + 1]};
  }
  const std::array<uint64_t, 2 * kMaxWords> &halves() const { return halves_; }

private:
  static uint64_t mask(unsigned width) {
    return width >= 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
  }
  std::array<uint64_t, 2 * kMaxWords> halves_{};
};

} // namespace nuri::npu::detail

#endif // NURI_NPU_ISA_BIT_FIELDS_H
