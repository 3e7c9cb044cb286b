// nuri-run's input handling: NAME=FILE arguments, files, random inputs.
#ifndef NURI_TOOLS_NURI_RUN_INPUTS_H
#define NURI_TOOLS_NURI_RUN_INPUTS_H

#include "nuri/runtime.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nuri::run {

struct NamedFile {
  std::string name;
  std::string path;
};

// Splits "NAME=FILE" arguments of `flag` (for messages); the name is
// checked against `valid` (the model's inputs or outputs) and may not repeat.
Result<std::vector<NamedFile>>
parseNamedFiles(const std::vector<std::string> &args, std::string_view flag,
                const std::vector<TensorInfo> &valid, std::string_view kind);

// Reads the given files and makes random tensors (seeded per input with
// deriveSeed(seed, input index)) for the rest, noting those on stderr, then
// binds all of them. The returned tensors must outlive the session's runs
// (inputs may be bound without a copy).
Result<std::vector<Tensor>> bindInputs(Session &session,
                                       const std::vector<NamedFile> &files,
                                       uint64_t seed);

} // namespace nuri::run

#endif // NURI_TOOLS_NURI_RUN_INPUTS_H
