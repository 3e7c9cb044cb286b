// What backends contribute to the tools (nuri-objdump, ...) besides their
// driver and compile target: per segment format they own, a printer that
// turns a segment payload into text (a disassembly, a node listing).
//
// Tools never link a backend by name: each backend declares its tooling
// library in backends/CMakeLists.txt's list with
//   nuri_backend_tooling(<name> <library>)
// and defines void nuri::<name>::registerTooling(nuri::tools::ToolingRegistry
// &). The build generates registerBuiltinTooling() (library nuri_tooling),
// which calls each of them.
#ifndef NURI_TOOLS_COMMON_TOOLING_REGISTRY_H
#define NURI_TOOLS_COMMON_TOOLING_REGISTRY_H

#include "nuri/hal/executable.h"
#include "nuri/status.h"

#include <cstdint>
#include <functional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nuri::tools {

// One artifact segment as a printer sees it. The artifact loader has
// checked the value table; the payload is whatever the file holds, so a
// printer verifies it before trusting it.
struct SegmentInfo {
  std::string_view name;
  std::string_view target;
  std::string_view format;
  uint32_t formatVersion = 0;
  std::span<const uint8_t> payload;
  std::span<const hal::ValueInfo> values;
};

// Writes `segment`'s payload as text, each line indented by two spaces.
// A payload it cannot read is an error naming what is wrong; the text
// written before the error stays (it helps locate the damage).
using SegmentPrinter =
    std::function<Status(const SegmentInfo &segment, std::ostream &out)>;

class ToolingRegistry {
public:
  // `owner` names the registering backend in diagnostics. Fails on an
  // empty format, an empty printer, or a format registered twice.
  Status registerSegmentPrinter(std::string format, std::string owner,
                                SegmentPrinter printer);
  // nullptr when no backend prints `format`.
  const SegmentPrinter *findSegmentPrinter(std::string_view format) const;
  // The formats with a printer, in registration order.
  std::vector<std::string> printerFormats() const;

private:
  struct Entry {
    std::string format;
    std::string owner;
    SegmentPrinter printer;
  };
  std::vector<Entry> printers_;
};

// Every registered backend's tooling; generated from backends/CMakeLists.txt
// into the nuri_tooling library.
void registerBuiltinTooling(ToolingRegistry &registry);

} // namespace nuri::tools

#endif // NURI_TOOLS_COMMON_TOOLING_REGISTRY_H
