#include "common/tooling_registry.h"

namespace nuri::tools {

Status ToolingRegistry::registerSegmentPrinter(std::string format,
                                               std::string owner,
                                               SegmentPrinter printer) {
  if (format.empty())
    return invalidArgument("backend '", owner,
                           "' registers a segment printer without a format");
  if (!printer)
    return invalidArgument("backend '", owner,
                           "' registers an empty printer for format '", format,
                           "'");
  for (const Entry &entry : printers_)
    if (entry.format == format)
      return failedPrecondition("backends '", entry.owner, "' and '", owner,
                                "' both register a printer for format '",
                                format, "'");
  printers_.push_back(
      Entry{std::move(format), std::move(owner), std::move(printer)});
  return okStatus();
}

const SegmentPrinter *
ToolingRegistry::findSegmentPrinter(std::string_view format) const {
  for (const Entry &entry : printers_)
    if (entry.format == format)
      return &entry.printer;
  return nullptr;
}

std::vector<std::string> ToolingRegistry::printerFormats() const {
  std::vector<std::string> formats;
  for (const Entry &entry : printers_)
    formats.push_back(entry.format);
  return formats;
}

} // namespace nuri::tools
