// Checking a "cpu-ref-program" segment payload (cpu_ref_program.fbs) before
// anything reads it: the driver's loader and nuri-objdump's printer share it.
#ifndef NURI_CPU_REF_SCHEMA_PROGRAM_PAYLOAD_H
#define NURI_CPU_REF_SCHEMA_PROGRAM_PAYLOAD_H

#include "cpu_ref_program_generated.h"
#include "nuri/status.h"

#include <cstdint>
#include <span>
#include <string_view>

namespace nuri::cpu_ref {

// Segment.format of cpu-ref programs: the compile target writes it, the
// driver loads it, nuri-objdump prints it.
inline constexpr std::string_view kProgramFormat = "cpu-ref-program";
// The newest payload format version written and read. Version 0 (the schema
// default when a writer leaves it unset) means the same as 1.
inline constexpr uint32_t kProgramFormatVersion = 1;

// The verified program inside `payload` (which must outlive it), or a
// data-loss error saying what is wrong with the bytes.
Result<const fb::Program *>
readProgramPayload(std::span<const uint8_t> payload);

} // namespace nuri::cpu_ref

#endif // NURI_CPU_REF_SCHEMA_PROGRAM_PAYLOAD_H
