#include "npu_sim/sim/memory.h"

namespace nuri::npu {

ByteRange stridedRange(int64_t base, std::span<const uint32_t> counts,
                       std::span<const int64_t> strides, int64_t elemBytes) {
  ByteRange range{base, base + elemBytes};
  for (size_t i = 0; i < counts.size(); ++i) {
    int64_t span = static_cast<int64_t>(counts[i] - 1) * strides[i];
    if (span < 0)
      range.lo += span;
    else
      range.hi += span;
  }
  return range;
}

MaybeFault MemoryView::checkSram(const ByteRange &range,
                                 std::string_view operand) const {
  if (range.lo < 0)
    return makeFault(FaultKind::kBadAddress, operand, " reaches SRAM address ",
                     hexString(range.lo), ", below 0");
  if (static_cast<uint64_t>(range.hi) > sram.size())
    return makeFault(FaultKind::kSramOverflow, operand, " spans SRAM bytes [",
                     hexString(range.lo), ", ", hexString(range.hi),
                     ") but the program declared .sram ", sram.size(),
                     " (the core has ", physicalSram, ")");
  return std::nullopt;
}

MaybeFault MemoryView::checkDram(uint8_t region, const ByteRange &range,
                                 bool write, std::string_view operand,
                                 uint8_t *&base) const {
  if (region >= regions.size())
    return makeFault(FaultKind::kBadAddress, operand, " names DRAM region ",
                     int(region), " but the program's region table has ",
                     regions.size(), " entries");
  const DramRegion &bound = regions[region];
  if (range.lo < 0 || static_cast<uint64_t>(range.hi) > bound.size)
    return makeFault(FaultKind::kBadAddress, operand, " spans bytes [",
                     hexString(range.lo), ", ", hexString(range.hi),
                     ") of DRAM region ", int(region), " (", bound.description,
                     ")");
  if (write && !bound.writable)
    return makeFault(FaultKind::kReadOnlyWrite, operand, " writes DRAM region ",
                     int(region), " (", bound.description,
                     "), which is read-only");
  base = bound.data;
  return std::nullopt;
}

Fault misalignedFault(int64_t value, uint64_t alignment,
                      std::string_view what) {
  return makeFault(FaultKind::kMisalignedAccess, what, " ", hexString(value),
                   " is not a multiple of ", alignment, " bytes");
}

} // namespace nuri::npu
