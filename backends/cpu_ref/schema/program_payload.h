// Checking a "cpu-ref-program" segment payload (cpu_ref_program.fbs) before
// anything reads it: the driver's loader and nuri-objdump's printer share it.
#ifndef NURI_CPU_REF_SCHEMA_PROGRAM_PAYLOAD_H
#define NURI_CPU_REF_SCHEMA_PROGRAM_PAYLOAD_H

#include "cpu_ref_program_generated.h"
#include "nuri/status.h"

#include <cstdint>
#include <span>

namespace nuri::cpu_ref {

// The verified program inside `payload` (which must outlive it), or a
// data-loss error saying what is wrong with the bytes.
Result<const fb::Program *>
readProgramPayload(std::span<const uint8_t> payload);

} // namespace nuri::cpu_ref

#endif // NURI_CPU_REF_SCHEMA_PROGRAM_PAYLOAD_H
