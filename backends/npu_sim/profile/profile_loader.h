// Reading profile files: JSON checked against npu_profile.fbs by
// FlatBuffers' own parser, then checked for meaning. Errors name the file,
// the field and why: "npu-x.json:12:5: unknown field: rowz" or
// "npu-x.json: field 'vector.lanes': must be a power of two (got 48)".
#ifndef NURI_NPU_PROFILE_PROFILE_LOADER_H
#define NURI_NPU_PROFILE_PROFILE_LOADER_H

#include "npu_sim/profile/profile.h"
#include "nuri/status.h"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nuri::npu {

// Environment variable with extra profile files or directories of *.json,
// separated by ':'. A vendor describes a new chip by adding a file there.
inline constexpr const char *kProfilePathVariable = "NURI_NPU_PROFILE_PATH";

// `source` names the text in errors (usually its file name).
Result<NpuProfile> parseProfile(std::string_view json, std::string_view source);
Result<NpuProfile> loadProfileFile(const std::string &path);
// The profiles built into the library (backends/npu_sim/profiles/).
Result<std::vector<NpuProfile>> builtinProfiles();
// The built-in profiles plus those under NURI_NPU_PROFILE_PATH; a name given
// twice is an error naming both files.
Result<std::vector<NpuProfile>> loadAvailableProfiles();
// The profile called `name` in `profiles`, or nullptr.
const NpuProfile *findProfile(std::span<const NpuProfile> profiles,
                              std::string_view name);
// The text of npu_profile.fbs, for tools that want to show or check it.
std::string_view profileSchemaText();

} // namespace nuri::npu

#endif // NURI_NPU_PROFILE_PROFILE_LOADER_H
