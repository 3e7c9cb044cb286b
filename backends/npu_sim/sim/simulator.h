// The NPU simulator: runs a Program on a profile's chip, bit-exact per
// docs/npu/numerics.md, with the cycle model of docs/npu/timing.md. Engines
// of every core run concurrently on their own timelines, synchronised only
// by semaphores; instructions take effect in the order of their start
// cycles, so a correctly synchronised program computes the same bits on
// every run and host.
#ifndef NURI_NPU_SIM_SIMULATOR_H
#define NURI_NPU_SIM_SIMULATOR_H

#include "npu_sim/isa/program.h"
#include "npu_sim/profile/profile.h"
#include "npu_sim/sim/memory.h"
#include "npu_sim/sim/program_checks.h"
#include "nuri/status.h"

#include <span>
#include <vector>

namespace nuri::npu {

struct SimOptions {
  bool recordInstructions = false; // fill RunStats::records
};

struct InstructionRecord {
  uint16_t core = 0;
  EngineId engine;
  uint32_t index = 0;    // in its stream
  uint64_t start = 0;    // cycle it issued (a wait: when it began waiting)
  uint64_t duration = 0; // until its results landed
};

struct EngineStats {
  uint16_t core = 0;
  EngineId engine;
  uint64_t busyCycles = 0;  // occupied by DMA/matrix/vector work
  uint64_t stallCycles = 0; // waiting on semaphores
  uint64_t instructions = 0;
  uint64_t finishCycle = 0; // when its last result landed
};

struct RunStats {
  uint64_t cycles = 0; // until every engine finished
  uint64_t macsInt8 = 0;
  uint64_t macsBf16 = 0;
  uint64_t dramBytesRead = 0;    // by dma.ld
  uint64_t dramBytesWritten = 0; // by dma.st
  uint64_t dramBytesBilled = 0;  // including partial bursts
  uint64_t sramCopyBytes = 0;    // by dma.cp
  uint64_t vectorElements = 0;
  uint64_t instructions = 0;
  std::vector<EngineStats> engines;
  std::vector<InstructionRecord> records;

  uint64_t macs() const { return macsInt8 + macsBf16; }
  uint64_t dramBytes() const { return dramBytesRead + dramBytesWritten; }
};

// Runs `program` with `regions[r]` bound to region r. The program must
// have passed checkProgram against `profile`: loaders check once
// (NpuSimExecutable::load), so simulate does not check again on every run. A
// fault returns an error naming the cycle, the instruction (core, engine,
// index, word, disassembly), the fault and the address.
Result<RunStats> simulate(const Program &program, const NpuProfile &profile,
                          std::span<const DramRegion> regions,
                          const SimOptions &options = {});

} // namespace nuri::npu

#endif // NURI_NPU_SIM_SIMULATOR_H
