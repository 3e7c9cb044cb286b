#include "npu_sim/sim/dma_unit.h"

#include "npu_sim/sim/operand_ranges.h"

#include <array>
#include <cstring>

namespace nuri::npu {
namespace {

// Alignment of an address and of every stride that is used.
MaybeFault checkSideAligned(int64_t base, const DmaOp &op,
                            const std::array<int32_t, 4> &strides,
                            uint64_t esize, std::string_view side) {
  if (MaybeFault f = checkAligned(base, esize, side, " address"))
    return f;
  for (unsigned i = 0; i < 4; ++i)
    if (op.dims[i] > 1)
      if (MaybeFault f =
              checkAligned(strides[i], esize, side, " stride[", i, "]"))
        return f;
  return std::nullopt;
}

void copyElements(uint8_t *dst, const std::array<int32_t, 4> &dstStrides,
                  const uint8_t *src, const std::array<int32_t, 4> &srcStrides,
                  const DmaOp &op, size_t esize) {
  bool contiguousRows = dstStrides[3] == static_cast<int64_t>(esize) &&
                        srcStrides[3] == static_cast<int64_t>(esize);
  for (uint32_t i0 = 0; i0 < op.dims[0]; ++i0)
    for (uint32_t i1 = 0; i1 < op.dims[1]; ++i1)
      for (uint32_t i2 = 0; i2 < op.dims[2]; ++i2) {
        int64_t d = int64_t{i0} * dstStrides[0] + int64_t{i1} * dstStrides[1] +
                    int64_t{i2} * dstStrides[2];
        int64_t s = int64_t{i0} * srcStrides[0] + int64_t{i1} * srcStrides[1] +
                    int64_t{i2} * srcStrides[2];
        if (contiguousRows) {
          std::memmove(dst + d, src + s, size_t{op.dims[3]} * esize);
          continue;
        }
        for (uint32_t i3 = 0; i3 < op.dims[3]; ++i3)
          std::memmove(dst + d + int64_t{i3} * dstStrides[3],
                       src + s + int64_t{i3} * srcStrides[3], esize);
      }
}

} // namespace

DmaTraffic dmaTraffic(Opcode opcode, const DmaOp &op,
                      const NpuProfile &profile) {
  DmaTraffic traffic;
  uint64_t esize = uint64_t{1} << op.elemSizeLog2;
  uint64_t elements =
      uint64_t{op.dims[0]} * op.dims[1] * op.dims[2] * op.dims[3];
  traffic.bytes = elements * esize;
  traffic.touchesDram = opcode != Opcode::kDmaCopy;
  if (!traffic.touchesDram)
    return traffic;
  // Contiguous runs on the DRAM side, merging dimensions from the inside
  // out while each continues the previous one.
  uint64_t runBytes = esize;
  uint64_t runs = elements;
  for (int i = 3; i >= 0; --i) {
    if (op.dims[i] == 1)
      continue;
    if (op.farStrides[i] != static_cast<int64_t>(runBytes))
      break;
    runBytes *= op.dims[i];
    runs /= op.dims[i];
  }
  uint64_t burst = profile.dram.burstBytes;
  traffic.billedBytes = runs * ((runBytes + burst - 1) / burst * burst);
  return traffic;
}

MaybeFault executeDma(Opcode opcode, const DmaOp &op,
                      const MemoryView &memory) {
  uint64_t esize = uint64_t{1} << op.elemSizeLog2;
  bool copy = opcode == Opcode::kDmaCopy;
  std::string_view nearName = copy ? "destination" : "SRAM side";
  std::string_view farName = copy ? "source" : "DRAM side";

  if (MaybeFault f =
          checkSideAligned(op.sram, op, op.sramStrides, esize, nearName))
    return f;
  if (MaybeFault f = checkSideAligned(static_cast<int64_t>(op.farOffset), op,
                                      op.farStrides, esize, farName))
    return f;
  DmaRanges ranges = dmaRanges(op);
  const ByteRange &nearRange = ranges.sram, &farRange = ranges.far;
  if (MaybeFault f = memory.checkSram(nearRange, nearName))
    return f;

  uint8_t *sram = memory.sram.data();
  if (copy) {
    if (MaybeFault f = memory.checkSram(farRange, farName))
      return f;
    if (nearRange.overlaps(farRange))
      return makeFault(FaultKind::kOperandOverlap,
                       "source and destination SRAM ranges overlap");
    copyElements(sram + op.sram, op.sramStrides, sram + op.farOffset,
                 op.farStrides, op, esize);
    return std::nullopt;
  }
  bool store = opcode == Opcode::kDmaStore;
  uint8_t *dram = nullptr;
  if (MaybeFault f =
          memory.checkDram(op.region, farRange, store, farName, dram))
    return f;
  if (store)
    copyElements(dram + op.farOffset, op.farStrides, sram + op.sram,
                 op.sramStrides, op, esize);
  else
    copyElements(sram + op.sram, op.sramStrides, dram + op.farOffset,
                 op.farStrides, op, esize);
  return std::nullopt;
}

} // namespace nuri::npu
