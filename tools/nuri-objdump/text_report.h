// nuri-objdump's human-readable report, in the order of the artifact:
// header, signature, memory plan, constants, segments, then (on request)
// the value table and each segment's disassembly.
#ifndef NURI_TOOLS_NURI_OBJDUMP_TEXT_REPORT_H
#define NURI_TOOLS_NURI_OBJDUMP_TEXT_REPORT_H

#include "artifact/loaded_model.h"
#include "common/tooling_registry.h"
#include "objdump_options.h"

#include <ostream>
#include <vector>

namespace nuri::objdump {

// Writes the report of `segments` (indices into model.segments). Returns
// the printers' errors (damaged payloads), which the report also marks.
std::vector<Status> printText(const detail::LoadedModel &model,
                              const std::vector<size_t> &segments,
                              const Options &options,
                              const tools::ToolingRegistry &registry,
                              std::ostream &out);

} // namespace nuri::objdump

#endif // NURI_TOOLS_NURI_OBJDUMP_TEXT_REPORT_H
