#include "npu_sim/sim/execution_profile.h"

#include "npu_sim/isa/disassembler.h"

#include <algorithm>

namespace nuri::npu {

double effectivePeakMacsPerCycle(const RunStats &stats,
                                 const NpuProfile &profile) {
  double peakBf16 = static_cast<double>(profile.peakMacsPerCycle(false));
  double peakInt8 = static_cast<double>(profile.peakMacsPerCycle(true));
  if (stats.macs() == 0)
    return peakBf16;
  double cyclesAtPeak = static_cast<double>(stats.macsInt8) / peakInt8 +
                        static_cast<double>(stats.macsBf16) / peakBf16;
  return static_cast<double>(stats.macs()) / cyclesAtPeak;
}

double rooflineCycles(const RunStats &stats, const NpuProfile &profile) {
  double compute = static_cast<double>(stats.macs()) /
                   effectivePeakMacsPerCycle(stats, profile);
  double memory =
      static_cast<double>(stats.dramBytes()) / profile.dram.bytesPerCycle;
  return std::max(compute, memory);
}

void fillExecutionProfile(const RunStats &stats, const Program &program,
                          const NpuProfile &profile,
                          hal::ExecutionProfile &out) {
  auto add = [&](std::string name, double value) {
    out.counters.emplace_back(std::move(name), value);
  };
  double peak = effectivePeakMacsPerCycle(stats, profile);
  double cycles = static_cast<double>(stats.cycles);
  add("cycles", cycles);
  add("macs", static_cast<double>(stats.macs()));
  add("macs_int8", static_cast<double>(stats.macsInt8));
  add("macs_bf16", static_cast<double>(stats.macsBf16));
  add("dram_bytes", static_cast<double>(stats.dramBytes()));
  add("dram_bytes_read", static_cast<double>(stats.dramBytesRead));
  add("dram_bytes_written", static_cast<double>(stats.dramBytesWritten));
  add("dram_bytes_billed", static_cast<double>(stats.dramBytesBilled));
  add("sram_copy_bytes", static_cast<double>(stats.sramCopyBytes));
  add("vector_elements", static_cast<double>(stats.vectorElements));
  add("instructions", static_cast<double>(stats.instructions));
  add("peak_macs_per_cycle", peak);
  add("peak_macs_per_cycle_bf16",
      static_cast<double>(profile.peakMacsPerCycle(false)));
  add("peak_macs_per_cycle_int8",
      static_cast<double>(profile.peakMacsPerCycle(true)));
  add("dram_bytes_per_cycle", profile.dram.bytesPerCycle);
  add("roofline_cycles", rooflineCycles(stats, profile));
  add("mxu_utilization",
      cycles > 0 ? static_cast<double>(stats.macs()) / (cycles * peak) : 0.0);
  add("clock_mhz", profile.clockMhz);
  add("cores", profile.cores);
  for (const EngineStats &engine : stats.engines) {
    std::string track = strCat("core", engine.core, ".", engine.engine.name());
    add("busy_cycles." + track, static_cast<double>(engine.busyCycles));
    add("stall_cycles." + track, static_cast<double>(engine.stallCycles));
  }

  out.records.reserve(out.records.size() + stats.records.size());
  for (const InstructionRecord &record : stats.records) {
    const Stream *stream = program.cores[record.core].find(record.engine);
    const Instruction &instruction = stream->instructions[record.index];
    hal::ProfileRecord entry;
    entry.name = disassemble(instruction);
    entry.opType = std::string(opcodeInfo(instruction.opcode).mnemonic);
    entry.cycles = record.duration;
    entry.microseconds =
        static_cast<double>(record.duration) / profile.clockMhz;
    entry.track = strCat("core", record.core, ".", record.engine.name());
    entry.startCycle = record.start;
    out.records.push_back(std::move(entry));
  }
}

} // namespace nuri::npu
