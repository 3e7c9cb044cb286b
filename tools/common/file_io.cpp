#include "common/file_io.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
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

} // namespace nuri::tools
