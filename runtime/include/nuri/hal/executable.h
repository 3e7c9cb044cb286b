// Executables: a device's loaded form of one artifact segment, and what it
// needs to run (the value table and the memory bound to it).
#ifndef NURI_HAL_EXECUTABLE_H
#define NURI_HAL_EXECUTABLE_H

#include "nuri/hal/buffer.h"
#include "nuri/tensor.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nuri::hal {

enum class ValueKind : uint8_t { kInput, kOutput, kConstant, kArena };

// "input", "output", "constant", "arena": for messages and listings.
inline std::string_view valueKindName(ValueKind kind) {
  switch (kind) {
  case ValueKind::kInput:
    return "input";
  case ValueKind::kOutput:
    return "output";
  case ValueKind::kConstant:
    return "constant";
  case ValueKind::kArena:
    return "arena";
  }
  return "unknown";
}

// One entry of the artifact's value table, already validated by the loader:
// Constant/Arena ranges lie inside their sections, Input/Output indices are
// valid slots, and `size` equals the dense byte size of dtype x shape.
struct ValueInfo {
  std::string name;
  DType dtype = DType::kUndefined;
  Shape shape;
  ValueKind kind = ValueKind::kArena;
  uint32_t index = 0;  // Input/Output slot
  uint64_t offset = 0; // Constant/Arena byte offset
  uint64_t size = 0;   // bytes
};

// What loadExecutable gets: a segment's payload and the values it refers to.
// The spans stay valid for the executable's lifetime (the runtime keeps the
// artifact alive).
struct ExecutableSpec {
  std::string_view name;
  std::string_view format; // e.g. "cpu-ref-program"
  uint32_t formatVersion = 0;
  std::span<const uint8_t> payload;
  std::span<const ValueInfo> values;
};

// Memory for one execution. inputs/outputs are indexed by signature slot.
struct Bindings {
  Buffer *arena = nullptr;
  const Buffer *constants = nullptr;
  std::vector<const Buffer *> inputs;
  std::vector<Buffer *> outputs;
};

// Per-execution measurements, filled when profiling was requested.
struct ProfileRecord {
  std::string name;        // node or instruction name
  std::string opType;      // e.g. "Conv"
  double microseconds = 0; // host time spent (cpu devices)
  uint64_t cycles = 0;     // device cycles (simulated devices)
  // Simulated devices: the engine that ran it (one trace track each, e.g.
  // "core0.mxu") and the cycle it started.
  std::string track;
  uint64_t startCycle = 0;
};
struct ExecutionProfile {
  std::vector<ProfileRecord> records;
  // Device-wide counters, e.g. {"cycles", 1234}, {"macs", 5678}.
  std::vector<std::pair<std::string, double>> counters;

  // The value of counter `name`, if the device reported it.
  std::optional<double> counter(std::string_view name) const {
    for (const auto &[key, value] : counters)
      if (key == name)
        return value;
    return std::nullopt;
  }
};

class Executable {
public:
  virtual ~Executable() = default;
  virtual std::string_view format() const = 0;
};

} // namespace nuri::hal

#endif // NURI_HAL_EXECUTABLE_H
