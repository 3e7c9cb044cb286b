// The profile schema and the built-in profile files, compiled into the
// library (generated from npu_profile.fbs and ../profiles/*.json by
// CMakeLists.txt) so the runtime needs no files at run time.
#ifndef NURI_NPU_PROFILE_EMBEDDED_PROFILES_H
#define NURI_NPU_PROFILE_EMBEDDED_PROFILES_H

#include <span>
#include <string_view>

namespace nuri::npu::detail {

struct EmbeddedFile {
  std::string_view name; // file name, e.g. "npu-edge.json"
  std::string_view text;
};

std::string_view embeddedProfileSchema();
std::span<const EmbeddedFile> embeddedProfiles();

} // namespace nuri::npu::detail

#endif // NURI_NPU_PROFILE_EMBEDDED_PROFILES_H
