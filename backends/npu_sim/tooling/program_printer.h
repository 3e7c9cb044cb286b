// Prints an "npu-program" segment payload: the header (ISA version, target
// profile, declared SRAM), the DRAM region table with what each region is
// bound to and the bytes the program touches in it, the SRAM the program
// touches per core, and each core's engine streams disassembled one
// instruction per line with its index and word offset (as fault messages
// name them: "instruction #4 (word 10)").
#ifndef NURI_NPU_SIM_TOOLING_PROGRAM_PRINTER_H
#define NURI_NPU_SIM_TOOLING_PROGRAM_PRINTER_H

#include "common/tooling_registry.h"

#include <ostream>

namespace nuri::npu {

// Verifies and decodes the payload first (readProgramPayload); a damaged
// one is an error naming the core, engine and word.
Status printProgram(const tools::SegmentInfo &segment, std::ostream &out);

} // namespace nuri::npu

#endif // NURI_NPU_SIM_TOOLING_PROGRAM_PRINTER_H
