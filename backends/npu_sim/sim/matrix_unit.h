// The matrix engine's functional behaviour (docs/npu/isa.md "mm.i8 /
// mm.bf16", docs/npu/numerics.md "Matrix engine"). Every result element is
// acc + a[i][0]*b[0][j] + a[i][1]*b[1][j] + ... added in increasing k, each
// add rounded (fp32) or wrapped (int32); the loops are blocked so the
// innermost one runs along a contiguous accumulator row, which keeps that
// order and lets the compiler vectorise.
#ifndef NURI_NPU_SIM_MATRIX_UNIT_H
#define NURI_NPU_SIM_MATRIX_UNIT_H

#include "npu_sim/sim/memory.h"

#include <vector>

namespace nuri::npu {

class MatrixUnit {
public:
  // Checks every address rule, then computes.
  MaybeFault execute(Opcode opcode, const MatmulOp &op,
                     const MemoryView &memory);

private:
  template <typename T> void compute(const MatmulOp &op, uint8_t *sram);
  // Tiles reused between instructions (sized once, at most a few hundred KiB).
  std::vector<float> aF_, bF_, accF_;
  std::vector<int16_t> aI_, bI_;
  std::vector<uint32_t> accI_;
};

} // namespace nuri::npu

#endif // NURI_NPU_SIM_MATRIX_UNIT_H
