// The cycle model's per-instruction costs (docs/npu/timing.md), from the
// profile's numbers. Shared by the simulator and, later, the compiler's
// cost model.
#ifndef NURI_NPU_SIM_TIMING_H
#define NURI_NPU_SIM_TIMING_H

#include "npu_sim/profile/profile.h"

#include <cstdint>

namespace nuri::npu {

struct EngineCost {
  uint64_t busy = 0;    // cycles the engine is occupied (issue to next issue)
  uint64_t latency = 0; // further cycles until the results are in memory
};

// Passes of the array: ceil(k / depth) * ceil(n / cols), depth = rows
// (bf16) or rows * int8_macs_per_cell (int8).
uint64_t matmulPasses(bool int8, const MatmulOp &op, const NpuProfile &profile);
// busy = weight_load + passes * max(m, weight_load); latency = drain.
EngineCost matmulCost(bool int8, const MatmulOp &op, const NpuProfile &profile);
// busy = rows * ceil(cols / lanes) * cycles_per_vector; latency = the op's.
EngineCost vectorCost(Opcode opcode, const VectorOp &op,
                      const NpuProfile &profile);
// ceil(bytes / bytesPerCycle), at least 1 for a non-empty transfer.
uint64_t transferCycles(uint64_t bytes, double bytesPerCycle);

} // namespace nuri::npu

#endif // NURI_NPU_SIM_TIMING_H
