// What an engine sees of memory while one instruction runs: its core's
// SRAM and the DRAM regions bound for this run, with the bounds, alignment
// and overlap checks every engine shares (docs/npu/memory.md).
#ifndef NURI_NPU_SIM_MEMORY_H
#define NURI_NPU_SIM_MEMORY_H

#include "npu_sim/isa/disassembler.h"
#include "npu_sim/isa/program.h"
#include "npu_sim/sim/fault.h"

#include <cstdint>
#include <span>
#include <string>

namespace nuri::npu {

// One DRAM region bound to host memory for a run.
struct DramRegion {
  uint8_t *data = nullptr;
  uint64_t size = 0;
  bool writable = false;
  std::string description; // "input 0 (256 bytes)"
};

// A byte range [lo, hi) an operand touches; lo may be negative when
// strides are.
struct ByteRange {
  int64_t lo = 0;
  int64_t hi = 0;
  bool overlaps(const ByteRange &other) const {
    return lo < other.hi && other.lo < hi;
  }
};

// The smallest range holding base + sum_i idx_i * strides[i] + [0, elem)
// for idx_i < counts[i].
ByteRange stridedRange(int64_t base, std::span<const uint32_t> counts,
                       std::span<const int64_t> strides, int64_t elemBytes);

struct MemoryView {
  std::span<uint8_t> sram;   // the declared part of this core's SRAM
  uint64_t physicalSram = 0; // the core's SRAM size, for messages
  std::span<const DramRegion> regions;
  uint32_t matrixAlignment = 1;

  // Checks that `range` lies inside the declared SRAM.
  MaybeFault checkSram(const ByteRange &range, std::string_view operand) const;
  // Checks region `region` exists, holds `range`, and (for a write) is
  // writable; returns the region's base pointer in `base`.
  MaybeFault checkDram(uint8_t region, const ByteRange &range, bool write,
                       std::string_view operand, uint8_t *&base) const;
};

// The misaligned-access fault of checkAligned.
Fault misalignedFault(int64_t value, uint64_t alignment, std::string_view what);

// A misaligned-access fault unless `value` is a multiple of `alignment`.
// The fault names the value as the concatenation of `what`, which is only
// built when the check fails (this runs for every instruction).
template <typename... What>
MaybeFault checkAligned(int64_t value, uint64_t alignment,
                        const What &...what) {
  if (alignment > 1 && value % static_cast<int64_t>(alignment) != 0)
      [[unlikely]]
    return misalignedFault(value, alignment, strCat(what...));
  return std::nullopt;
}

} // namespace nuri::npu

#endif // NURI_NPU_SIM_MEMORY_H
