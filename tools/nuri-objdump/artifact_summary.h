// Facts about a loaded artifact that both the text and the JSON report
// show: where each value lives, and summaries of the constants and arena.
#ifndef NURI_TOOLS_NURI_OBJDUMP_ARTIFACT_SUMMARY_H
#define NURI_TOOLS_NURI_OBJDUMP_ARTIFACT_SUMMARY_H

#include "artifact/loaded_model.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace nuri::objdump {

// "input", "output", "constant", "arena".
// "input 0", "constant +0x40", "arena +0x0".
std::string valueLocation(const hal::ValueInfo &value);

struct SectionSummary {
  uint64_t values = 0;     // values of the kind
  uint64_t valueBytes = 0; // their total size
  int64_t largest = -1;    // index of the largest, -1 if none
};
SectionSummary summarize(const detail::LoadedModel &model, hal::ValueKind kind);

} // namespace nuri::objdump

#endif // NURI_TOOLS_NURI_OBJDUMP_ARTIFACT_SUMMARY_H
