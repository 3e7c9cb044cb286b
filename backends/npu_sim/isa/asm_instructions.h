// One line of assembly to one instruction. Internal to the ISA library;
// assembler.h is the public entry point.
#ifndef NURI_NPU_ISA_ASM_INSTRUCTIONS_H
#define NURI_NPU_ISA_ASM_INSTRUCTIONS_H

#include "npu_sim/isa/asm_operands.h"

namespace nuri::npu::detail {

// "<mnemonic> <operands>" (no comment) to a validated instruction.
Result<Instruction> buildInstruction(Piece text, const SourcePosition &pos);
// The line without its ';' or '//' comment.
std::string_view stripComment(std::string_view line);

} // namespace nuri::npu::detail

#endif // NURI_NPU_ISA_ASM_INSTRUCTIONS_H
