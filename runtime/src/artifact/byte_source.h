// Where an artifact's bytes live: a read-only memory-mapped file or an
// aligned heap copy. Either way the start is at least 64-byte aligned, which
// the artifact's 64-byte aligned constant_data relies on.
#ifndef NURI_ARTIFACT_BYTE_SOURCE_H
#define NURI_ARTIFACT_BYTE_SOURCE_H

#include "nuri/status.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace nuri::detail {

class ByteSource {
public:
  virtual ~ByteSource() = default;
  virtual std::span<const uint8_t> bytes() const = 0;
};

// Maps `path` read-only (MAP_PRIVATE); fails with the OS error (the caller
// adds the path).
Result<std::shared_ptr<const ByteSource>> mapFile(const std::string &path);
// Copies `bytes` into a 64-byte aligned heap buffer.
Result<std::shared_ptr<const ByteSource>>
copyBytes(std::span<const uint8_t> bytes);

} // namespace nuri::detail

#endif // NURI_ARTIFACT_BYTE_SOURCE_H
