#include "npu_sim/sim/timing.h"

#include <algorithm>
#include <cmath>

namespace nuri::npu {
namespace {

uint64_t ceilDiv(uint64_t a, uint64_t b) { return (a + b - 1) / b; }

} // namespace

uint64_t matmulPasses(bool int8, const MatmulOp &op,
                      const NpuProfile &profile) {
  uint64_t depth = uint64_t{profile.matrix.rows} *
                   (int8 ? profile.matrix.int8MacsPerCell : 1);
  return ceilDiv(op.k, depth) * ceilDiv(op.n, profile.matrix.cols);
}

EngineCost matmulCost(bool int8, const MatmulOp &op,
                      const NpuProfile &profile) {
  uint64_t load = profile.matrix.weightLoadCycles;
  // The next pass's weights load while this pass streams its m rows.
  uint64_t busy =
      load + matmulPasses(int8, op, profile) * std::max<uint64_t>(op.m, load);
  return {busy, profile.matrix.drainCycles};
}

EngineCost vectorCost(Opcode opcode, const VectorOp &op,
                      const NpuProfile &profile) {
  const VectorOpCost &cost = profile.vectorCost(opcode);
  uint64_t vectors = uint64_t{op.rows} * ceilDiv(op.cols, profile.vector.lanes);
  return {vectors * cost.cyclesPerVector, cost.latency};
}

uint64_t transferCycles(uint64_t bytes, double bytesPerCycle) {
  if (bytes == 0)
    return 0;
  double cycles = std::ceil(static_cast<double>(bytes) / bytesPerCycle);
  return std::max<uint64_t>(1, static_cast<uint64_t>(cycles));
}

} // namespace nuri::npu
