// The DMA engine's functional behaviour and the traffic it bills
// (docs/npu/isa.md "dma.ld / dma.st / dma.cp", docs/npu/timing.md).
#ifndef NURI_NPU_SIM_DMA_UNIT_H
#define NURI_NPU_SIM_DMA_UNIT_H

#include "npu_sim/profile/profile.h"
#include "npu_sim/sim/memory.h"

namespace nuri::npu {

struct DmaTraffic {
  uint64_t bytes = 0;       // bytes copied
  uint64_t billedBytes = 0; // DRAM bytes billed: whole bursts per run
  bool touchesDram = false;
};

DmaTraffic dmaTraffic(Opcode opcode, const DmaOp &op,
                      const NpuProfile &profile);
// Checks every address rule, then copies.
MaybeFault executeDma(Opcode opcode, const DmaOp &op, const MemoryView &memory);

} // namespace nuri::npu

#endif // NURI_NPU_SIM_DMA_UNIT_H
