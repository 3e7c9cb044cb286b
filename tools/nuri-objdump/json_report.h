// nuri-objdump --json: the header, signature, memory plan, constants and
// segments (with the value table under --values and each segment's
// disassembly text under --disassemble) as one JSON object.
#ifndef NURI_TOOLS_NURI_OBJDUMP_JSON_REPORT_H
#define NURI_TOOLS_NURI_OBJDUMP_JSON_REPORT_H

#include "artifact/loaded_model.h"
#include "common/tooling_registry.h"
#include "objdump_options.h"

#include <ostream>
#include <vector>

namespace nuri::objdump {

// As printText, for JSON; a printer's error is the segment's "error".
std::vector<Status> printJson(const detail::LoadedModel &model,
                              const std::vector<size_t> &segments,
                              const Options &options,
                              const tools::ToolingRegistry &registry,
                              std::ostream &out);

} // namespace nuri::objdump

#endif // NURI_TOOLS_NURI_OBJDUMP_JSON_REPORT_H
