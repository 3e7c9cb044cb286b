// Reading and writing the "npu-program" segment payload
// (npu_program.fbs): a Program with every stream encoded to ISA words.
#ifndef NURI_NPU_SCHEMA_PROGRAM_PAYLOAD_H
#define NURI_NPU_SCHEMA_PROGRAM_PAYLOAD_H

#include "npu_sim/isa/program.h"
#include "nuri/status.h"

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace nuri::npu {

// Segment.format and the newest Segment.format_version this code reads.
inline constexpr std::string_view kProgramFormat = "npu-program";
inline constexpr uint32_t kProgramFormatVersion = 1;

Result<std::vector<uint8_t>> writeProgramPayload(const Program &program);
// Verifies the buffer and decodes every instruction. Errors name the place:
// "core 0 dma1: word 12: bad opcode 0x0".
Result<Program> readProgramPayload(std::span<const uint8_t> payload);

} // namespace nuri::npu

#endif // NURI_NPU_SCHEMA_PROGRAM_PAYLOAD_H
