// The assembler: NPU assembly text (docs/npu/isa.md, "Assembly syntax") to
// a Program or single instructions. Errors read
// "<source>:<line>:<column>: <what is wrong>".
#ifndef NURI_NPU_ISA_ASSEMBLER_H
#define NURI_NPU_ISA_ASSEMBLER_H

#include "npu_sim/isa/program.h"
#include "nuri/status.h"

#include <string_view>

namespace nuri::npu {

Result<Program> assemble(std::string_view text,
                         std::string_view sourceName = "<asm>");
// One instruction without directives, e.g. "wait s0, 1".
Result<Instruction> assembleInstruction(std::string_view text);

} // namespace nuri::npu

#endif // NURI_NPU_ISA_ASSEMBLER_H
