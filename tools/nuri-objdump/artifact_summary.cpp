#include "artifact_summary.h"

#include <sstream>

namespace nuri::objdump {

std::string valueLocation(const hal::ValueInfo &value) {
  if (value.kind == hal::ValueKind::kInput ||
      value.kind == hal::ValueKind::kOutput)
    return strCat(hal::valueKindName(value.kind), " ", value.index);
  std::ostringstream offset;
  offset << std::hex << value.offset;
  return strCat(hal::valueKindName(value.kind), " +0x", offset.str());
}

SectionSummary summarize(const detail::LoadedModel &model,
                         hal::ValueKind kind) {
  SectionSummary summary;
  for (size_t v = 0; v < model.values.size(); ++v) {
    const hal::ValueInfo &value = model.values[v];
    if (value.kind != kind)
      continue;
    ++summary.values;
    summary.valueBytes += value.size;
    if (summary.largest < 0 || value.size > model.values[summary.largest].size)
      summary.largest = static_cast<int64_t>(v);
  }
  return summary;
}

} // namespace nuri::objdump
