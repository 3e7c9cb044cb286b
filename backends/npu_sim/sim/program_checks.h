// The checks a loader makes before a program may run on a chip: the
// profile name, cores, DMA engines, semaphores, operand types and SRAM
// size (docs/npu/faults.md, "Load-time errors").
#ifndef NURI_NPU_SIM_PROGRAM_CHECKS_H
#define NURI_NPU_SIM_PROGRAM_CHECKS_H

#include "npu_sim/isa/program.h"
#include "npu_sim/profile/profile.h"
#include "nuri/status.h"

namespace nuri::npu {

Status checkProgram(const Program &program, const NpuProfile &profile);

} // namespace nuri::npu

#endif // NURI_NPU_SIM_PROGRAM_CHECKS_H
