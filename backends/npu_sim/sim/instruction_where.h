// How faults and load errors name an instruction: core, engine, index,
// first word and disassembly.
#ifndef NURI_NPU_SIM_INSTRUCTION_WHERE_H
#define NURI_NPU_SIM_INSTRUCTION_WHERE_H

#include "npu_sim/isa/program.h"

#include <string>

namespace nuri::npu {

// "core 0 mxu instruction #3 (word 7) `mm.bf16 ...`". Only for messages:
// finding the word walks the stream.
std::string instructionWhere(uint16_t core, const Stream &stream, size_t index);

} // namespace nuri::npu

#endif // NURI_NPU_SIM_INSTRUCTION_WHERE_H
