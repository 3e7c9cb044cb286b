// Executables per (model, device), loaded once and shared by sessions.
#ifndef NURI_API_EXECUTABLE_CACHE_H
#define NURI_API_EXECUTABLE_CACHE_H

#include "artifact/loaded_model.h"

namespace nuri::detail {

// One executable per segment of `model`, loading them on first use.
// Thread-safe; an error names the segment and device.
Result<std::vector<std::shared_ptr<hal::Executable>>>
executablesFor(const LoadedModel &model,
               const std::shared_ptr<hal::Device> &device);

} // namespace nuri::detail

#endif // NURI_API_EXECUTABLE_CACHE_H
