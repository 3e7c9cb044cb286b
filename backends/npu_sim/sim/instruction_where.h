// How faults and load errors name an instruction: core, engine, index,
// first word and disassembly.
#ifndef NURI_NPU_SIM_INSTRUCTION_WHERE_H
#define NURI_NPU_SIM_INSTRUCTION_WHERE_H

#include "npu_sim/isa/program.h"

#include <string>
#include <vector>

namespace nuri::npu {

// The index of each instruction's first word in its stream.
std::vector<uint32_t> wordIndices(const Stream &stream);
// "core 0 mxu instruction #3 (word 7) `mm.bf16 ...`".
std::string instructionWhere(uint16_t core, const Stream &stream, size_t index,
                             uint32_t word);

} // namespace nuri::npu

#endif // NURI_NPU_SIM_INSTRUCTION_WHERE_H
