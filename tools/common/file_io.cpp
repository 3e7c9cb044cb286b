#include "common/file_io.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>

namespace nuri::tools {
namespace {
struct FileCloser {
  void operator()(std::FILE *f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;
} // namespace

Result<std::vector<uint8_t>> readFileBytes(const std::string &path) {
  File file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    int err = errno;
    if (err == ENOENT)
      return notFound("cannot open '", path, "': ", std::strerror(err));
    return invalidArgument("cannot open '", path, "': ", std::strerror(err));
  }
  std::vector<uint8_t> bytes;
  uint8_t chunk[1 << 16];
  size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, file.get())) > 0)
    bytes.insert(bytes.end(), chunk, chunk + n);
  if (std::ferror(file.get()))
    return dataLoss("error reading '", path, "'");
  return bytes;
}

Status writeFileBytes(const std::string &path, std::span<const uint8_t> bytes) {
  File file(std::fopen(path.c_str(), "wb"));
  if (!file)
    return invalidArgument("cannot create '", path,
                           "': ", std::strerror(errno));
  if (!bytes.empty() &&
      std::fwrite(bytes.data(), 1, bytes.size(), file.get()) != bytes.size())
    return dataLoss("error writing '", path, "': ", std::strerror(errno));
  if (std::fclose(file.release()) != 0)
    return dataLoss("error writing '", path, "': ", std::strerror(errno));
  return okStatus();
}

Status writeReportFile(const std::string &path, std::string_view what,
                       const std::function<Status(std::ostream &)> &write) {
  if (path == "-") {
    NURI_RETURN_IF_ERROR(write(std::cout));
    std::cout.flush();
    if (!std::cout)
      return dataLoss(what, ": cannot write to standard output");
    return okStatus();
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file)
    return invalidArgument(what, ": cannot open '", path,
                           "' for writing: ", std::strerror(errno));
  Status status = write(file);
  file.close();
  if (status.ok() && !file)
    status = dataLoss("cannot write '", path, "'");
  if (!status.ok())
    return status.withContext(what);
  return okStatus();
}

} // namespace nuri::tools
