// The byte ranges each instruction reads and writes: used by the engines'
// bounds and overlap checks and by the scheduler's same-engine interlock
// (a read waits until an earlier write of its own engine has landed).
#ifndef NURI_NPU_SIM_OPERAND_RANGES_H
#define NURI_NPU_SIM_OPERAND_RANGES_H

#include "npu_sim/isa/instruction.h"
#include "npu_sim/sim/memory.h"

#include <vector>

namespace nuri::npu {

// Where a range lives: the core's SRAM, or DRAM region `space`.
inline constexpr int kSramSpace = -1;

struct Access {
  int space = kSramSpace;
  ByteRange range;
};

// Where row `row` of A starts, relative to op.a (see MatmulOp).
inline int64_t aRowOffset(const MatmulOp &op, uint32_t row) {
  if (op.aGroupRows == 0)
    return int64_t{row} * op.aStride;
  return int64_t{row / op.aGroupRows} * op.aGroupStride +
         int64_t{row % op.aGroupRows} * op.aStride;
}

struct MatmulRanges {
  ByteRange acc, a, b;
};
MatmulRanges matmulRanges(bool int8, const MatmulOp &op);

// Row-major rows x perRow elements of `operand`.
ByteRange vectorOperandRange(const VOperand &operand, uint32_t rows,
                             uint32_t perRow);

struct DmaRanges {
  ByteRange sram; // the SRAM side (destination of ld and cp)
  ByteRange far;  // DRAM (ld/st) or the source SRAM (cp)
};
DmaRanges dmaRanges(const DmaOp &op);

// Appends what `instruction` reads and writes (the accumulator an mm adds
// into is not a read: the array accumulates in order as results leave it).
void instructionAccesses(const Instruction &instruction,
                         std::vector<Access> &reads,
                         std::vector<Access> &writes);

} // namespace nuri::npu

#endif // NURI_NPU_SIM_OPERAND_RANGES_H
