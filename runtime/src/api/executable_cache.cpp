#include "api/executable_cache.h"

#include <algorithm>

namespace nuri::detail {

Result<std::vector<std::shared_ptr<hal::Executable>>>
executablesFor(const LoadedModel &model,
               const std::shared_ptr<hal::Device> &device) {
  // Held while loading too: a second session on the same device waits
  // rather than parsing the segments again.
  std::lock_guard<std::mutex> lock(model.executablesMutex);
  auto &entries = model.executables;
  entries.erase(std::remove_if(entries.begin(), entries.end(),
                               [](const DeviceExecutables &e) {
                                 return e.device.expired();
                               }),
                entries.end());
  for (const DeviceExecutables &entry : entries)
    if (entry.key == device.get())
      return entry.executables;

  DeviceExecutables entry;
  entry.device = device;
  entry.key = device.get();
  for (const LoadedSegment &segment : model.segments) {
    hal::ExecutableSpec spec;
    spec.name = segment.name;
    spec.format = segment.format;
    spec.formatVersion = segment.formatVersion;
    spec.payload = segment.payload;
    spec.values = model.values;
    Result<std::shared_ptr<hal::Executable>> executable =
        device->loadExecutable(spec);
    if (!executable.ok())
      return executable.status().withContext(
          strCat("loading segment '", segment.name, "' on device '",
                 device->info().name, "'"));
    entry.executables.push_back(std::move(executable).value());
  }
  entries.push_back(entry);
  return entry.executables;
}

} // namespace nuri::detail
