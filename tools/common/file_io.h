// Whole-file reads and writes with errors that name the path.
#ifndef NURI_TOOLS_COMMON_FILE_IO_H
#define NURI_TOOLS_COMMON_FILE_IO_H

#include "nuri/status.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace nuri::tools {

Result<std::vector<uint8_t>> readFileBytes(const std::string &path);
Status writeFileBytes(const std::string &path, std::span<const uint8_t> bytes);

} // namespace nuri::tools

#endif // NURI_TOOLS_COMMON_FILE_IO_H
