#include "npu_sim/sim/operand_ranges.h"

#include <algorithm>
#include <array>

namespace nuri::npu {

MatmulRanges matmulRanges(bool int8, const MatmulOp &op) {
  int64_t esize = int8 ? 1 : 2;
  uint32_t last = op.m - 1u;
  // Offsets only grow within a group and from group to group, so the
  // furthest row is the last one or the last of the previous full group.
  int64_t maxOffset = aRowOffset(op, last);
  if (op.aGroupRows != 0 && last >= op.aGroupRows)
    maxOffset = std::max(
        maxOffset, aRowOffset(op, (last / op.aGroupRows) * op.aGroupRows - 1));
  MatmulRanges ranges;
  ranges.a = {op.a, op.a + maxOffset + int64_t{op.k} * esize};
  ranges.b = {op.b,
              op.b + int64_t{op.k - 1} * op.bStride + int64_t{op.n} * esize};
  ranges.acc = {op.acc,
                op.acc + int64_t{op.m - 1} * op.accStride + int64_t{op.n} * 4};
  return ranges;
}

ByteRange vectorOperandRange(const VOperand &operand, uint32_t rows,
                             uint32_t perRow) {
  int64_t esize = vtypeSize(operand.type);
  uint32_t counts[] = {rows, perRow};
  int64_t strides[] = {operand.rowStride, esize};
  return stridedRange(operand.addr, counts, strides, esize);
}

DmaRanges dmaRanges(const DmaOp &op) {
  int64_t esize = int64_t{1} << op.elemSizeLog2;
  std::array<int64_t, 4> near{}, far{};
  for (unsigned i = 0; i < 4; ++i) {
    near[i] = op.sramStrides[i];
    far[i] = op.farStrides[i];
  }
  return {
      stridedRange(op.sram, op.dims, near, esize),
      stridedRange(static_cast<int64_t>(op.farOffset), op.dims, far, esize)};
}

void instructionAccesses(const Instruction &instruction,
                         std::vector<Access> &reads,
                         std::vector<Access> &writes) {
  const OpcodeInfo &info = opcodeInfo(instruction.opcode);
  switch (info.format) {
  case Format::kSync:
    return;
  case Format::kDma: {
    const DmaOp &op = instruction.dma();
    DmaRanges ranges = dmaRanges(op);
    Access sram{kSramSpace, ranges.sram};
    Access far{instruction.opcode == Opcode::kDmaCopy ? kSramSpace : op.region,
               ranges.far};
    if (instruction.opcode == Opcode::kDmaStore) {
      reads.push_back(sram);
      writes.push_back(far);
    } else {
      reads.push_back(far);
      writes.push_back(sram);
    }
    return;
  }
  case Format::kMatmul: {
    MatmulRanges ranges = matmulRanges(instruction.opcode == Opcode::kMatmulI8,
                                       instruction.matmul());
    reads.push_back({kSramSpace, ranges.a});
    reads.push_back({kSramSpace, ranges.b});
    writes.push_back({kSramSpace, ranges.acc});
    return;
  }
  case Format::kVector: {
    const VectorOp &op = instruction.vector();
    for (unsigned s = 0; s < info.sources; ++s)
      if (op.immSource != s + 1)
        reads.push_back({kSramSpace, vectorOperandRange(
                                         op.src[s], op.rows,
                                         op.src[s].broadcast ? 1 : op.cols)});
    writes.push_back(
        {kSramSpace,
         vectorOperandRange(op.dst, op.rows, info.reduction ? 1 : op.cols)});
    return;
  }
  }
}

} // namespace nuri::npu
