// Turns a run's statistics into the HAL's ExecutionProfile: the counters
// of docs/npu/timing.md ("cycles", "macs", "dram_bytes", the profile's
// peaks, "roofline_cycles", per-engine busy cycles, ...) and one record per
// instruction with its engine track and start cycle.
#ifndef NURI_NPU_SIM_EXECUTION_PROFILE_H
#define NURI_NPU_SIM_EXECUTION_PROFILE_H

#include "npu_sim/sim/simulator.h"
#include "nuri/hal/executable.h"

namespace nuri::npu {

// The chip's peak MACs per cycle for this run's mix of int8 and bf16 MACs
// (the bf16 peak when there were none).
double effectivePeakMacsPerCycle(const RunStats &stats,
                                 const NpuProfile &profile);
// max(macs / peak, dram_bytes / dram_bytes_per_cycle).
double rooflineCycles(const RunStats &stats, const NpuProfile &profile);

// Appends counters and (when stats.records is filled) records to `out`.
void fillExecutionProfile(const RunStats &stats, const Program &program,
                          const NpuProfile &profile,
                          hal::ExecutionProfile &out);

} // namespace nuri::npu

#endif // NURI_NPU_SIM_EXECUTION_PROFILE_H
