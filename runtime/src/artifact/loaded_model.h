// The runtime's view of a verified artifact: everything the API and the
// devices need, with spans into the artifact bytes it keeps alive.
#ifndef NURI_ARTIFACT_LOADED_MODEL_H
#define NURI_ARTIFACT_LOADED_MODEL_H

#include "artifact/byte_source.h"
#include "nuri/hal/device.h"
#include "nuri/runtime.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

namespace nuri::detail {

struct LoadedSegment {
  std::string name;
  std::string target; // device kind, e.g. "cpu-ref"
  std::string format; // payload schema, e.g. "cpu-ref-program"
  uint32_t formatVersion = 0;
  std::span<const uint8_t> payload;
};

// Executables of one model on one device, one per segment. Sessions share
// them so creating many sessions parses each segment once.
struct DeviceExecutables {
  std::weak_ptr<hal::Device> device;
  const hal::Device *key = nullptr;
  std::vector<std::shared_ptr<hal::Executable>> executables;
};

struct LoadedModel {
  std::string source; // the path, or "<memory>", for diagnostics
  std::string name;
  std::string target;
  std::string producer;
  uint16_t versionMajor = 0;
  uint16_t versionMinor = 0;

  std::vector<TensorInfo> inputs;
  std::vector<TensorInfo> outputs;
  // Index into `values` of each input/output slot.
  std::vector<uint32_t> inputValues;
  std::vector<uint32_t> outputValues;
  std::vector<hal::ValueInfo> values;
  std::vector<LoadedSegment> segments;

  std::span<const uint8_t> constants; // 64-byte aligned
  uint64_t arenaSize = 0;
  uint32_t arenaAlignment = 64;

  std::shared_ptr<const ByteSource> bytes; // keeps every span above valid

  // Filled lazily by Session::create; guarded by the mutex since sessions
  // of one model may be created from many threads.
  mutable std::mutex executablesMutex;
  mutable std::vector<DeviceExecutables> executables;
};

} // namespace nuri::detail

#endif // NURI_ARTIFACT_LOADED_MODEL_H
