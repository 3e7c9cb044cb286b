// Reading an artifact: identifier, FlatBuffers verification, schema version,
// then the semantic checks the runtime relies on (see loader.cpp).
#ifndef NURI_ARTIFACT_LOADER_H
#define NURI_ARTIFACT_LOADER_H

#include "artifact/loaded_model.h"

#include <memory>
#include <span>
#include <string>

namespace nuri::detail {

// Memory-maps `path` and loads it. Errors start with "loading '<path>': ".
Result<std::shared_ptr<const LoadedModel>>
loadArtifactFile(const std::string &path);
// Copies `bytes` into an aligned buffer and loads it; `source` names it in
// errors.
Result<std::shared_ptr<const LoadedModel>>
loadArtifactBytes(std::span<const uint8_t> bytes,
                  const std::string &source = "<memory>");
// Loads from bytes that already live in an aligned ByteSource.
Result<std::shared_ptr<const LoadedModel>>
loadArtifact(std::shared_ptr<const ByteSource> bytes,
             const std::string &source);

} // namespace nuri::detail

#endif // NURI_ARTIFACT_LOADER_H
