// A whole NPU program in memory: the header facts (ISA version, target
// profile, SRAM use), the DRAM region table, and one instruction stream per
// engine of each core. The "npu-program" payload (schema/) and the
// assembler (assembler.h) both produce this.
#ifndef NURI_NPU_ISA_PROGRAM_H
#define NURI_NPU_ISA_PROGRAM_H

#include "npu_sim/isa/instruction.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nuri::npu {

// What a DRAM region is bound to when the program runs (docs/npu/memory.md).
enum class RegionKind : uint8_t {
  kConstants = 0, // the artifact's constant data (read-only)
  kArena = 1,     // the session arena
  kInput = 2,     // model input `slot` (read-only)
  kOutput = 3,    // model output `slot`
  kScratch = 4,   // `scratchBytes` of zeroed per-run memory
};

struct Region {
  RegionKind kind = RegionKind::kArena;
  uint32_t slot = 0;         // kInput/kOutput
  uint64_t scratchBytes = 0; // kScratch
  bool operator==(const Region &) const = default;
};

// "constants", "arena", "input 0", "output 1", "scratch 4096".
std::string regionDescription(const Region &region);
std::string_view regionKindName(RegionKind kind);
std::optional<RegionKind> parseRegionKind(std::string_view name);
bool regionWritable(RegionKind kind);

// One engine of a core: dma0..dma9, mxu, vpu.
struct EngineId {
  EngineKind kind = EngineKind::kDma;
  uint8_t index = 0; // DMA engine number; 0 for mxu and vpu
  bool operator==(const EngineId &) const = default;
  std::string name() const;
};
std::optional<EngineId> parseEngineName(std::string_view name);

struct Stream {
  EngineId engine;
  std::vector<Instruction> instructions;
};

struct CoreProgram {
  std::vector<Stream> streams; // at most one per engine
  const Stream *find(EngineId engine) const;
};

struct Program {
  uint16_t isaMajor = kIsaVersionMajor;
  uint16_t isaMinor = kIsaVersionMinor;
  std::string profile;    // target profile name, e.g. "npu-edge"
  uint64_t sramBytes = 0; // SRAM bytes per core the program may touch
  std::vector<Region> regions;
  std::vector<CoreProgram> cores;
};

} // namespace nuri::npu

#endif // NURI_NPU_ISA_PROGRAM_H
