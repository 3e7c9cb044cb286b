// HAL devices and drivers, in the spirit of IREE's HAL, smaller: a driver
// creates devices; a device owns an allocator, loads executables and runs
// them asynchronously, signalling a semaphore when done.
#ifndef NURI_HAL_DEVICE_H
#define NURI_HAL_DEVICE_H

#include "nuri/hal/buffer.h"
#include "nuri/hal/executable.h"
#include "nuri/hal/semaphore.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace nuri::hal {

struct DeviceInfo {
  std::string name;   // "cpu-ref"
  std::string driver; // the driver that created it
  // Compile targets whose artifacts this device runs (Artifact.target).
  std::vector<std::string> targets;
  // Segment payload formats it can load (Segment.format).
  std::vector<std::string> formats;
};

// One queued execution. `wait` may be empty (no dependency); `signal` is
// raised to its value when the work finished, or failed with its error.
struct Submission {
  std::shared_ptr<Executable> executable;
  Bindings bindings;
  SemaphorePoint wait;
  SemaphorePoint signal;
  // When non-null, the device fills it before signalling.
  ExecutionProfile *profile = nullptr;
};

// Devices are thread-safe: several sessions may load and submit concurrently.
class Device {
public:
  virtual ~Device() = default;
  virtual const DeviceInfo &info() const = 0;
  virtual Allocator &allocator() = 0;
  // Parses and validates a segment; errors name the segment and the fault.
  virtual Result<std::shared_ptr<Executable>>
  loadExecutable(const ExecutableSpec &spec) = 0;
  // Queues work. An error here means it was not queued; execution errors
  // arrive through the signal semaphore.
  virtual Status queueExecute(Submission submission) = 0;
};

class Driver {
public:
  virtual ~Driver() = default;
  virtual std::string_view name() const = 0;
  virtual Result<std::shared_ptr<Device>> createDevice() = 0;
};

// Drivers by name. The runtime's global registry holds every backend's
// driver, listed in backends/CMakeLists.txt.
class DriverRegistry {
public:
  Status registerDriver(std::unique_ptr<Driver> driver);
  Driver *find(std::string_view name) const;
  std::vector<std::string> names() const;

private:
  std::vector<std::unique_ptr<Driver>> drivers_;
};

} // namespace nuri::hal

#endif // NURI_HAL_DEVICE_H
