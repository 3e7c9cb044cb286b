// One NPU chip's target description, as read from its profile file
// (backends/npu_sim/profiles/*.json, docs/npu/profiles.md). The simulator
// takes its geometry and timing from here, and so will the compiler.
#ifndef NURI_NPU_PROFILE_PROFILE_H
#define NURI_NPU_PROFILE_PROFILE_H

#include "npu_sim/isa/instruction.h"
#include "nuri/dtype.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace nuri::npu {

struct VectorOpCost {
  uint32_t cyclesPerVector = 1;
  uint32_t latency = 0;
};

struct NpuProfile {
  std::string name;
  std::string description;
  std::string source; // the file it came from, or "<builtin>/<name>.json"
  uint32_t clockMhz = 0;
  uint32_t cores = 0;
  std::vector<DType> dtypes;

  struct Matrix {
    uint32_t rows = 0, cols = 0, int8MacsPerCell = 0;
    uint32_t weightLoadCycles = 0, drainCycles = 0;
  } matrix;
  struct Vector {
    uint32_t lanes = 0;
    std::array<VectorOpCost, 256> costs{}; // by opcode byte
  } vector;
  struct Dma {
    uint32_t engines = 0;
    double bytesPerCycle = 0;
    uint32_t setupCycles = 0;
  } dma;
  struct Sram {
    uint64_t bytes = 0; // per core
    uint32_t banks = 0, bankWidth = 0, alignment = 0, latencyCycles = 0;
  } sram;
  struct Dram {
    std::string kind;
    uint64_t bytes = 0;
    double bytesPerCycle = 0;
    uint32_t latencyCycles = 0, burstBytes = 0;
  } dram;
  struct Sync {
    uint32_t localSemaphores = 0, globalSemaphores = 0;
    uint32_t signalLatency = 0, globalSignalLatency = 0;
  } sync;

  bool supports(DType type) const;
  const VectorOpCost &vectorCost(Opcode opcode) const {
    return vector.costs[static_cast<uint8_t>(opcode)];
  }
  // MACs per cycle of the whole chip (every core's array).
  uint64_t peakMacsPerCycle(bool int8) const {
    return uint64_t{matrix.rows} * matrix.cols *
           (int8 ? matrix.int8MacsPerCell : 1) * cores;
  }
};

} // namespace nuri::npu

#endif // NURI_NPU_PROFILE_PROFILE_H
