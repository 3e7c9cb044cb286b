// Instructions and programs back to assembly text (docs/npu/isa.md,
// "Assembly syntax"). assemble(disassemble(x)) reproduces x exactly.
#ifndef NURI_NPU_ISA_DISASSEMBLER_H
#define NURI_NPU_ISA_DISASSEMBLER_H

#include "npu_sim/isa/program.h"

#include <concepts>
#include <cstdint>
#include <string>
#include <type_traits>

namespace nuri::npu {

// "0x" followed by `magnitude` in lowercase hex, after a '-' if `negative`.
std::string hexText(bool negative, uint64_t magnitude);
// How addresses and offsets are shown in assembly text and messages:
// "0x1f40", "-0x10".
template <std::integral T> std::string hexString(T value) {
  if constexpr (std::is_signed_v<T>)
    if (value < 0)
      return hexText(true, -static_cast<uint64_t>(value));
  return hexText(false, static_cast<uint64_t>(value));
}

// One instruction, e.g. "mm.bf16 0x8000, 0x0, 0x2000, m=64, k=64, n=64, ...".
std::string disassemble(const Instruction &instruction);
// "s3" or "g1".
std::string semaphoreName(uint8_t id);
// A whole program with its directives (.isa, .profile, .sram, .region,
// .core, .engine), one instruction per line.
std::string disassembleProgram(const Program &program);

} // namespace nuri::npu

#endif // NURI_NPU_ISA_DISASSEMBLER_H
