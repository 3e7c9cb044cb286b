// Whole-file reads and writes with errors that name the path.
#ifndef NURI_TOOLS_COMMON_FILE_IO_H
#define NURI_TOOLS_COMMON_FILE_IO_H

#include "nuri/status.h"

#include <cstdint>
#include <functional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nuri::tools {

Result<std::vector<uint8_t>> readFileBytes(const std::string &path);
Status writeFileBytes(const std::string &path, std::span<const uint8_t> bytes);

// Runs `write` on `path` opened for writing ("-": standard output); errors
// name `what` ("--stats-json") and the path, including a failed write.
Status writeReportFile(const std::string &path, std::string_view what,
                       const std::function<Status(std::ostream &)> &write);

} // namespace nuri::tools

#endif // NURI_TOOLS_COMMON_FILE_IO_H
