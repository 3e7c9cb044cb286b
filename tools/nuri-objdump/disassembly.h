// A segment's payload as text, through the printer its backend registered
// for the segment's format (tools/common/tooling_registry.h).
#ifndef NURI_TOOLS_NURI_OBJDUMP_DISASSEMBLY_H
#define NURI_TOOLS_NURI_OBJDUMP_DISASSEMBLY_H

#include "artifact/loaded_model.h"
#include "common/tooling_registry.h"

#include <string>

namespace nuri::objdump {

struct Disassembly {
  bool hasPrinter = false;
  std::string text; // what the printer wrote, even when it then failed
  Status status;    // the printer's error (the caller names the segment)
};

Disassembly disassemble(const detail::LoadedModel &model,
                        const detail::LoadedSegment &segment,
                        const tools::ToolingRegistry &registry);

// "no printer for format 'x' (this build prints: a, b)".
std::string noPrinterMessage(const detail::LoadedSegment &segment,
                             const tools::ToolingRegistry &registry);

} // namespace nuri::objdump

#endif // NURI_TOOLS_NURI_OBJDUMP_DISASSEMBLY_H
