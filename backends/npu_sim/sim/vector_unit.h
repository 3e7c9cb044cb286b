// The vector engine's functional behaviour (docs/npu/isa.md "Vector
// instructions", docs/npu/numerics.md). Rows are processed in increasing
// order, each in chunks of whole lane groups; float ops compute in fp32 and
// integer ops in wrapping int32, converting at load and store.
#ifndef NURI_NPU_SIM_VECTOR_UNIT_H
#define NURI_NPU_SIM_VECTOR_UNIT_H

#include "npu_sim/sim/memory.h"

#include <array>
#include <vector>

namespace nuri::npu {

class VectorUnit {
public:
  // `lanes` (a power of two) fixes the order of reductions.
  explicit VectorUnit(uint32_t lanes);
  // Checks every address rule, then computes.
  MaybeFault execute(Opcode opcode, const VectorOp &op,
                     const MemoryView &memory);

private:
  void elementwise(const OpcodeInfo &info, const VectorOp &op, uint8_t *sram);
  void reduce(const OpcodeInfo &info, const VectorOp &op, uint8_t *sram);

  uint32_t lanes_;
  // Per-chunk staging: [0] destination, [1..3] sources a..c.
  std::array<std::vector<float>, 4> f_;
  std::array<std::vector<int32_t>, 4> i_;
  std::vector<float> laneF_;
  std::vector<int32_t> laneI_;
};

} // namespace nuri::npu

#endif // NURI_NPU_SIM_VECTOR_UNIT_H
