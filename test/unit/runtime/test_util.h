// Helpers shared by the runtime tests.
#ifndef NURI_TEST_RUNTIME_TEST_UTIL_H
#define NURI_TEST_RUNTIME_TEST_UTIL_H

#include "artifact_builder.h"
#include "nuri/runtime.h"

#include <filesystem>
#include <string>

namespace nuri::testing {

inline Result<Model> loadSpec(const ArtifactSpec &spec) {
  return Model::fromMemory(buildArtifact(spec));
}

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
public:
  TempDir();
  ~TempDir();
  const std::filesystem::path &path() const { return path_; }
  std::string file(const std::string &name) const {
    return (path_ / name).string();
  }

private:
  std::filesystem::path path_;
};

} // namespace nuri::testing

#endif // NURI_TEST_RUNTIME_TEST_UTIL_H
