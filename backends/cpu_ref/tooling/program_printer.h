// Prints a "cpu-ref-program" segment payload as a node listing: each
// node's op type and name, its inputs and outputs as value indices with the
// value's name and type, and its attributes.
#ifndef NURI_CPU_REF_TOOLING_PROGRAM_PRINTER_H
#define NURI_CPU_REF_TOOLING_PROGRAM_PRINTER_H

#include "common/tooling_registry.h"

#include <ostream>
#include <string_view>

namespace nuri::cpu_ref {

// Verifies the payload first; a damaged one is a kDataLoss error.
Status printProgram(const tools::SegmentInfo &segment, std::ostream &out);

} // namespace nuri::cpu_ref

#endif // NURI_CPU_REF_TOOLING_PROGRAM_PRINTER_H
