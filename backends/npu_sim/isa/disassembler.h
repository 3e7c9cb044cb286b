// Instructions and programs back to assembly text (docs/npu/isa.md,
// "Assembly syntax"). assemble(disassemble(x)) reproduces x exactly.
#ifndef NURI_NPU_ISA_DISASSEMBLER_H
#define NURI_NPU_ISA_DISASSEMBLER_H

#include "npu_sim/isa/program.h"

#include <string>

namespace nuri::npu {

// One instruction, e.g. "mm.bf16 0x8000, 0x0, 0x2000, m=64, k=64, n=64, ...".
std::string disassemble(const Instruction &instruction);
// "s3" or "g1".
std::string semaphoreName(uint8_t id);
// A whole program with its directives (.isa, .profile, .sram, .region,
// .core, .engine), one instruction per line.
std::string disassembleProgram(const Program &program);

} // namespace nuri::npu

#endif // NURI_NPU_ISA_DISASSEMBLER_H
